# Embeds files into a generated C++ source exposing
#   std::string_view rmqsim::embeddedAsset(std::string_view file_name)
# (declared in src/report/embedded_assets.h). Regenerated when an asset changes.
function(rmqsim_embed_assets target)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_assets_generated.cpp)
  # A ';' list would be split by the shell: pass the files joined with ",".
  string(REPLACE ";" "," files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_asset_gen.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed_asset_gen.cmake
    COMMENT "Embedding report assets"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
