// jemalloc's startup options, read before main (MALLOC_CONF in the environment still overrides):
// transparent huge pages for the heap and jemalloc's own metadata. A fleet's run is memory-latency
// bound (tens of MB of client, event-loop and metrics state touched in no useful order), and 2 MiB
// pages cut its TLB misses: about 11 % off the 1,000-client churn hour (docs/performance.md).
// Linked only into the executables that link jemalloc (CMakeLists.txt, rmqsim_malloc).
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): the name jemalloc reads
const char* malloc_conf = "thp:always,metadata_thp:always";
}
