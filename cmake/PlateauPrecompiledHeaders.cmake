# Precompiled Qt and standard headers for the libraries, for a first build that has to be
# quick (the quickstart preset turns PLATEAU_PRECOMPILE_HEADERS on). Parsing the Qt headers is
# most of the compile time of a Plateau source file, at any optimisation level; compiling them
# once instead of once per file cuts the build by about a third. The dev and CI presets
# leave it off, so a file that forgets an include still fails there.
#
#   plateau_precompile_headers()   at the end of the top-level CMakeLists.txt
include_guard(GLOBAL)

# The headers the sources include most (git grep -h '#include <' app ui | sort | uniq -c),
# by the Qt module a target must link to use them.
set(PLATEAU_PCH_Core
    <QString> <QStringList> <QList> <QMap> <QHash> <QByteArray> <QObject> <QPointer> <QTimer>
    <QMutex> <QJsonObject> <QJsonArray> <QJsonDocument> <QJsonValue> <QFile> <QFileInfo> <QDir>
    <QRegularExpression> <QDateTime> <QUrl>
    <algorithm> <cmath> <functional> <limits> <memory> <optional> <vector>)
set(PLATEAU_PCH_Network <QNetworkReply> <QNetworkRequest> <QNetworkAccessManager> <QHostAddress>)
set(PLATEAU_PCH_Widgets
    <QWidget> <QLabel> <QPushButton> <QToolButton> <QComboBox> <QLineEdit> <QBoxLayout>
    <QFormLayout> <QHeaderView> <QMenu> <QStyle>)
set(PLATEAU_PCH_Charts <QChart> <QChartView> <QValueAxis> <QLineSeries>)

# The Qt modules a target links, directly or through the project's own libraries.
function(_plateau_qt_modules out target)
  set(seen "")
  set(modules "")
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue current)
    if(current IN_LIST seen OR NOT TARGET ${current})
      continue()
    endif()
    list(APPEND seen ${current})
    if(current MATCHES "^Qt6::([A-Za-z]+)$")
      list(APPEND modules ${CMAKE_MATCH_1})
      continue()
    endif()
    get_target_property(type ${current} TYPE)
    set(links "")
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(direct ${current} LINK_LIBRARIES)
      if(direct)
        list(APPEND links ${direct})
      endif()
    endif()
    get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND links ${interface})
    endif()
    foreach(link IN LISTS links)
      if(NOT link MATCHES "[$<>]") # generator expressions: not followed
        list(APPEND queue ${link})
      endif()
    endforeach()
  endwhile()
  set(${out} ${modules} PARENT_SCOPE)
endfunction()

function(_plateau_targets_below out directory)
  get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(children DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
  foreach(child IN LISTS children)
    _plateau_targets_below(below ${child})
    list(APPEND targets ${below})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(_plateau_cxx_source_count out target)
  get_target_property(sources ${target} SOURCES)
  list(FILTER sources INCLUDE REGEX "\\.cpp$")
  list(LENGTH sources count)
  set(${out} ${count} PARENT_SCOPE)
endfunction()

# The library that builds the precompiled header of one set of Qt modules: an empty source
# file linking exactly those modules, so its flags and Qt definitions are the ones the
# libraries reusing it compile with. A library of the project cannot host it: the libraries
# that reuse its header would depend on it, and it may depend on them.
function(_plateau_pch_host out key modules headers)
  set(host plateau_pch_${key})
  if(NOT TARGET ${host})
    set(source ${CMAKE_CURRENT_BINARY_DIR}/${host}.cpp)
    file(CONFIGURE OUTPUT ${source} CONTENT "// Builds the precompiled Qt headers (${key}).\n")
    add_library(${host} STATIC ${source})
    set_target_properties(${host} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    foreach(module IN LISTS modules)
      target_link_libraries(${host} PRIVATE Qt6::${module})
    endforeach()
    target_precompile_headers(${host} PRIVATE ${headers})
  endif()
  set(${out} ${host} PARENT_SCOPE)
endfunction()

# One precompiled header per set of Qt modules, reused by every library that links that set
# (REUSE_FROM): each is some 150 MB, and building one costs as much as compiling a few files.
# Libraries only: executables are compiled with -fPIE, which a -fPIC header cannot serve, and
# have a file or two each. So do the smallest libraries.
function(plateau_precompile_headers)
  _plateau_targets_below(targets ${CMAKE_CURRENT_SOURCE_DIR})
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    _plateau_cxx_source_count(files ${target})
    if(NOT type STREQUAL "STATIC_LIBRARY" OR files LESS 4)
      continue()
    endif()
    _plateau_qt_modules(linked ${target})
    if(NOT "Core" IN_LIST linked)
      continue()
    endif()
    set(key "")
    set(modules "")
    set(headers "")
    foreach(module IN ITEMS Core Network Widgets Charts)
      if(module IN_LIST linked)
        string(APPEND key ${module})
        list(APPEND modules ${module})
        list(APPEND headers ${PLATEAU_PCH_${module}})
      endif()
    endforeach()
    _plateau_pch_host(host ${key} "${modules}" "${headers}")
    target_precompile_headers(${target} REUSE_FROM ${host})
  endforeach()
endfunction()
