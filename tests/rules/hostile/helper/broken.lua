-- A helper that does not load (a syntax error on line 3).
local t = {
  threshold = = 3,
}
return t
