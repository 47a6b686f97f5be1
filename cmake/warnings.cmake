# Project-wide warnings; applied per target through rmqsim_warnings.
add_library(rmqsim_warnings INTERFACE)
target_compile_options(rmqsim_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
