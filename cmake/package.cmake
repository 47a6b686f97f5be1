# `cmake --install` layout and the Debian package (CPack DEB): the binary, its man page and
# shell completions (cmake/cli_docs.cmake), the bundled scenarios and the README.
include(GNUInstallDirs)
install(TARGETS rmq-rebalance-sim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${RMQSIM_CLI_DOCS_DIR}/rmq-rebalance-sim.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${RMQSIM_CLI_DOCS_DIR}/rmq-rebalance-sim.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME rmq-rebalance-sim)
# Debian's zsh searches vendor-completions (zsh-common's $fpath)
install(FILES ${RMQSIM_CLI_DOCS_DIR}/_rmq-rebalance-sim DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/rmq-rebalance-sim/scenarios
        FILES_MATCHING PATTERN "*.yaml" PATTERN "README.md")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rmq-rebalance-sim)
set(CPACK_PACKAGE_CONTACT "rmq-rebalance-sim maintainers <rmq-rebalance-sim@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Runs a C++ port of the RocketMQ client's rebalance path against simulated
brokers and name servers on a virtual clock: convergence, orphan and overlap queue-seconds,
duplicates and balance when consumers scale, crash, restart or pause.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # rmq-rebalance-sim_VERSION_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)           # Depends from dpkg-shlibdeps (libyaml-cpp, libssl, ...)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR})  # the .deb lands in build/
include(CPack)
