# The man page and the bash/zsh completions, generated from the built binary's --help at build
# time (tools/cli_docs.py, help2man), so they always list the options the binary really takes.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
find_program(HELP2MAN help2man)
find_program(GZIP gzip REQUIRED)
if(NOT HELP2MAN)
  message(FATAL_ERROR "help2man not found: run tools/install_deps.sh (or apt-get install help2man)")
endif()

set(RMQSIM_CLI_DOCS_DIR ${PROJECT_BINARY_DIR}/cli-docs)
set(man ${RMQSIM_CLI_DOCS_DIR}/rmq-rebalance-sim.1)
set(RMQSIM_CLI_DOCS
    ${RMQSIM_CLI_DOCS_DIR}/rmq-rebalance-sim.bash ${RMQSIM_CLI_DOCS_DIR}/_rmq-rebalance-sim ${man} ${man}.gz)
add_custom_command(
  OUTPUT ${RMQSIM_CLI_DOCS} ${RMQSIM_CLI_DOCS_DIR}/commands.h2m
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/cli_docs.py $<TARGET_FILE:rmq-rebalance-sim> ${RMQSIM_CLI_DOCS_DIR}
  COMMAND ${HELP2MAN} --no-info --section=1 --name=${PROJECT_DESCRIPTION}
          --include=${RMQSIM_CLI_DOCS_DIR}/commands.h2m --include=${PROJECT_SOURCE_DIR}/docs/man/rmq-rebalance-sim.h2m
          --output=${man} $<TARGET_FILE:rmq-rebalance-sim>
  # -n: no name or time stamp in the archive, so the package's bytes depend on the page only
  COMMAND ${GZIP} -9nkf ${man}
  DEPENDS rmq-rebalance-sim ${PROJECT_SOURCE_DIR}/tools/cli_docs.py ${PROJECT_SOURCE_DIR}/docs/man/rmq-rebalance-sim.h2m
  COMMENT "Generating the man page and shell completions from --help"
  VERBATIM)
add_custom_target(cli_docs ALL DEPENDS ${RMQSIM_CLI_DOCS})
