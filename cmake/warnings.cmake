# Project-wide warnings; applied per target through rmqsim_warnings.
add_library(rmqsim_warnings INTERFACE)
target_compile_options(rmqsim_warnings INTERFACE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                       $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>)
