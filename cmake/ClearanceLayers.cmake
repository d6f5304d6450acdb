# SPDX-License-Identifier: GPL-3.0-or-later
# One static library per layer of core/, each seeing only the public headers of itself and of the
# layers it links. A layer's public headers are exposed through a generated include folder holding
# links to them (never to its *_p.h files), so an include that crosses the layering, or reaches into
# another layer's private header, fails to compile instead of working by accident. A layer's own
# sources include its private headers by bare name ("document_p.h"), found next to them.
#
#   clearance_add_layer(NAME DIR [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
function(clearance_add_layer name dir)
    cmake_parse_arguments(ARG "" "" "PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
    set(src ${CMAKE_CURRENT_SOURCE_DIR}/${dir})
    file(GLOB sources CONFIGURE_DEPENDS ${src}/*.cpp)
    file(GLOB headers CONFIGURE_DEPENDS ${src}/*.h)
    set(view ${CMAKE_CURRENT_BINARY_DIR}/layers/${dir}/include)
    file(REMOVE_RECURSE ${view})
    file(MAKE_DIRECTORY ${view}/${dir})
    set(public_headers)
    foreach(h ${headers})
        get_filename_component(fname ${h} NAME)
        if(fname MATCHES "_p\\.h$")
            continue()
        endif()
        file(CREATE_LINK ${h} ${view}/${dir}/${fname} SYMBOLIC COPY_ON_ERROR)
        list(APPEND public_headers ${h})
    endforeach()
    add_library(${name} STATIC ${sources} ${headers})
    target_include_directories(${name} PUBLIC $<BUILD_INTERFACE:${view}>)
    target_link_libraries(${name} PUBLIC clearance_options ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
