# Runs assay with the plugin on the sample and compares with the expected
# output byte for byte.
execute_process(
  COMMAND ${ASSAY} run --no-default-plugins --plugin ${PLUGIN}
          --plugin-config cloud_readiness=${CONFIG} ${INPUT}
  OUTPUT_VARIABLE actual RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "assay exited with ${status}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "output differs from ${EXPECTED}:\n${actual}")
endif()
