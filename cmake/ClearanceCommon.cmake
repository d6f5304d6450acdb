# SPDX-License-Identifier: GPL-3.0-or-later
# Shared compile settings, applied to every target through one INTERFACE library.
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
# Before any install() rule: app/ and installer/ use CMAKE_INSTALL_BINDIR, _DATADIR, _MANDIR.
include(GNUInstallDirs)

add_library(clearance_options INTERFACE)
target_compile_features(clearance_options INTERFACE cxx_std_20)
target_compile_definitions(clearance_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CONTEXTLESS_CONNECT QT_NO_KEYWORDS
    CLEARANCE_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(clearance_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC 12 reports false positives inside libstdc++ string concatenation (GCC bug 105329).
        target_compile_options(clearance_options INTERFACE -Wno-restrict)
    endif()
endif()
