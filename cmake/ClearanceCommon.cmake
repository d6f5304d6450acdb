# SPDX-License-Identifier: GPL-3.0-or-later
# Shared compile settings, applied to every target through one INTERFACE library.
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(clearance_options INTERFACE)
target_compile_features(clearance_options INTERFACE cxx_std_20)
target_compile_definitions(clearance_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CONTEXTLESS_CONNECT QT_NO_KEYWORDS
    CLEARANCE_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(clearance_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
endif()
