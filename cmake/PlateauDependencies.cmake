# Checks Plateau's build dependencies up front. When one is missing, configure stops with the
# Debian 12 package that provides it and the one command that installs them all, instead of
# CMake's generic "could not find a package configuration file" text (or, for a Qt module whose
# own CMake package needs another one, "Qt6Charts could not be found because dependency
# Qt6OpenGL could not be found", which names neither package).
#
#   plateau_check_build_tools()     before project(): the C++ compiler and Ninja
#   plateau_check_dependencies(QT_VERSION 6.4 QT_COMPONENTS Core ... [QT_OPTIONAL Keychain])
#                                   after project(), before find_package(Qt6 ...)
#   plateau_find_package(<Name> DEBIAN <package> [find_package arguments])
#                                   find_package() for any other dependency, in the directory
#                                   that uses it
#
# A new dependency: add its Debian package to .ci/install-deps (the quickstart list) and find it
# with plateau_find_package(), e.g. plateau_find_package(RapidJSON DEBIAN rapidjson-dev).
include_guard(GLOBAL)

set(PLATEAU_INSTALL_DEPS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/../.ci/install-deps")
cmake_path(NORMAL_PATH PLATEAU_INSTALL_DEPS_SCRIPT)

# The Debian 12 package that ships each Qt 6 CMake package Plateau uses.
set(PLATEAU_QT6_DEBIAN_PACKAGES
    Core=qt6-base-dev Network=qt6-base-dev Gui=qt6-base-dev Widgets=qt6-base-dev
    DBus=qt6-base-dev Test=qt6-base-dev OpenGLWidgets=qt6-base-dev
    OpenGL=libqt6opengl6-dev Charts=qt6-charts-dev Svg=qt6-svg-dev SvgWidgets=qt6-svg-dev
    Keychain=qtkeychain-qt6-dev)
# Qt modules whose CMake package needs another module from a different Debian package, which
# apt does not pull in with --no-install-recommends: probed first, so the miss is named right.
set(PLATEAU_QT6_HIDDEN_DEPENDENCIES Charts=OpenGL)

# Looks KEY up in a list of KEY=VALUE entries; FALLBACK when absent.
function(_plateau_lookup out key fallback)
  set(value "${fallback}")
  foreach(entry IN LISTS ARGN)
    if(entry MATCHES "^${key}=(.*)$")
      set(value "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

function(_plateau_fail_missing lines packages)
  list(REMOVE_DUPLICATES packages)
  list(JOIN packages " " package_words)
  list(JOIN lines "\n" text)
  # The smallest install-deps profile that has them: clang and libFuzzer are only in CI's.
  set(profile quickstart)
  if(packages MATCHES "clang")
    set(profile ci)
  endif()
  message(FATAL_ERROR
    "Plateau: missing build dependencies:\n${text}\n"
    "Install everything Plateau needs with:\n"
    "  bash ${PLATEAU_INSTALL_DEPS_SCRIPT} --for ${profile}\n"
    "or just these:\n"
    "  sudo apt-get install --no-install-recommends ${package_words}\n"
    "then configure again.")
endfunction()

# Before project(): a missing compiler or build tool otherwise fails inside project() with
# "No CMAKE_CXX_COMPILER could be found" or "unable to find a build program".
function(plateau_check_build_tools)
  set(lines "")
  set(packages "")
  if(CMAKE_GENERATOR STREQUAL "Ninja" AND NOT CMAKE_MAKE_PROGRAM)
    find_program(_plateau_ninja NAMES ninja ninja-build NO_CACHE)
    if(NOT _plateau_ninja)
      list(APPEND lines "  ninja (the build tool the presets use): Debian package ninja-build")
      list(APPEND packages ninja-build)
    endif()
  endif()
  if(CMAKE_CXX_COMPILER)
    set(compiler "${CMAKE_CXX_COMPILER}")
  elseif(DEFINED ENV{CXX} AND NOT "$ENV{CXX}" STREQUAL "")
    set(compiler "$ENV{CXX}")
  else()
    set(compiler "c++;g++;clang++")
  endif()
  find_program(_plateau_cxx NAMES ${compiler} NO_CACHE)
  if(NOT _plateau_cxx)
    set(package g++)
    if(compiler MATCHES "clang")
      set(package clang)
    endif()
    list(APPEND lines "  a C++20 compiler (${compiler}): Debian package ${package}")
    list(APPEND packages ${package})
  endif()
  if(lines)
    _plateau_fail_missing("${lines}" "${packages}")
  endif()
endfunction()

# Probes one Qt component quietly. Sets <out> to TRUE/FALSE and <out>_WHY to CMake's reason.
function(_plateau_probe_qt6 out version component)
  find_package(Qt6 ${version} QUIET COMPONENTS ${component})
  if(Qt6_FOUND AND Qt6${component}_FOUND)
    set(${out} TRUE PARENT_SCOPE)
    return()
  endif()
  set(why "${Qt6${component}_NOT_FOUND_MESSAGE}")
  if(component STREQUAL "Core" AND Qt6_CONSIDERED_VERSIONS AND NOT Qt6_VERSION)
    list(JOIN Qt6_CONSIDERED_VERSIONS ", " considered)
    set(why "Qt ${version} or newer is needed; found ${considered}")
  endif()
  string(REGEX REPLACE "[ \n;]+" " " why "${why}")
  string(STRIP "${why}" why)
  set(${out} FALSE PARENT_SCOPE)
  set(${out}_WHY "${why}" PARENT_SCOPE)
endfunction()

function(plateau_check_dependencies)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "QT_VERSION" "QT_COMPONENTS;QT_OPTIONAL")
  set(lines "")
  set(packages "")
  set(failed "")

  # Hidden dependencies first, so a module that fails only because of one is not blamed.
  set(components "")
  foreach(component IN LISTS arg_QT_COMPONENTS)
    _plateau_lookup(hidden ${component} "" ${PLATEAU_QT6_HIDDEN_DEPENDENCIES})
    list(APPEND components ${hidden} ${component})
  endforeach()
  list(REMOVE_DUPLICATES components)

  foreach(component IN LISTS components)
    _plateau_probe_qt6(found ${arg_QT_VERSION} ${component})
    if(found)
      continue()
    endif()
    list(APPEND failed ${component})
    _plateau_lookup(hidden ${component} "" ${PLATEAU_QT6_HIDDEN_DEPENDENCIES})
    if(hidden AND hidden IN_LIST failed)
      continue() # its own package may well be there; the hidden dependency is the miss
    endif()
    _plateau_lookup(package ${component} qt6-base-dev ${PLATEAU_QT6_DEBIAN_PACKAGES})
    set(line "  Qt6${component}: Debian package ${package}")
    if(found_WHY)
      string(APPEND line "\n      (CMake: ${found_WHY})")
    endif()
    list(APPEND lines "${line}")
    list(APPEND packages ${package})
    if(component STREQUAL "Core")
      break() # without Qt itself every other component fails too
    endif()
  endforeach()

  if(PLATEAU_BUILD_FUZZERS AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    _plateau_check_libfuzzer(libfuzzer_ok)
    if(NOT libfuzzer_ok)
      string(REGEX MATCH "^[0-9]+" major "${CMAKE_CXX_COMPILER_VERSION}")
      list(APPEND lines "  libFuzzer for clang ${major}: Debian package libclang-rt-${major}-dev")
      list(APPEND packages libclang-rt-${major}-dev)
    endif()
  endif()

  if(lines)
    _plateau_fail_missing("${lines}" "${packages}")
  endif()

  # Optional Qt packages: only a hint. Probed by file, not find_package(), which would create
  # imported targets here that the directory really using the package then creates again.
  foreach(component IN LISTS arg_QT_OPTIONAL)
    find_file(config Qt6${component}Config.cmake HINTS "${Qt6_DIR}/../Qt6${component}"
              NO_DEFAULT_PATH NO_CACHE)
    if(NOT config)
      _plateau_lookup(package ${component} "" ${PLATEAU_QT6_DEBIAN_PACKAGES})
      message(STATUS "Plateau: optional Qt6${component} not found (Debian package ${package})")
    endif()
  endforeach()
endfunction()

# clang links libFuzzer and the sanitizer runtimes from libclang-rt-N-dev, which the clang
# package only recommends.
function(_plateau_check_libfuzzer out)
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer,address,undefined")
  set(CMAKE_REQUIRED_QUIET ON)
  if(NOT PLATEAU_HAVE_LIBFUZZER)
    unset(PLATEAU_HAVE_LIBFUZZER CACHE) # check again after the package was installed
  endif()
  check_cxx_source_compiles([[
    #include <cstddef>
    #include <cstdint>
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
  ]] PLATEAU_HAVE_LIBFUZZER)
  set(${out} ${PLATEAU_HAVE_LIBFUZZER} PARENT_SCOPE)
endfunction()

# find_package() that names the Debian package to install when the package is missing. A macro,
# so the package's variables and targets land where they are used.
macro(plateau_find_package _plateau_name)
  cmake_parse_arguments(_plateau_find "" "DEBIAN" "" ${ARGN})
  find_package(${_plateau_name} ${_plateau_find_UNPARSED_ARGUMENTS} QUIET)
  if(NOT ${_plateau_name}_FOUND)
    _plateau_fail_missing("  ${_plateau_name}: Debian package ${_plateau_find_DEBIAN}"
                          "${_plateau_find_DEBIAN}")
  endif()
endmacro()
