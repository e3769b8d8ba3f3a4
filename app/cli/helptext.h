#pragma once

#include <QString>

// Every word of plateau-cli's --help. Kept in one place so the options, the examples
// and the exit codes stay consistent across commands.
namespace HelpText {
QString general();
QString run();
QString sim();
QString recover();
QString validate();
QString compare();
QString exitCodes();
} // namespace HelpText
