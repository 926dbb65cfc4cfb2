-- A helper file: it declares nothing, so it is not a rule file.
return { limit = 10 }
