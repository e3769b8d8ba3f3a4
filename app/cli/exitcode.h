#pragma once

// plateau-cli's exit codes. Scripts and CI rely on them, and `--help` documents them:
// keep the two in step.
namespace ExitCode {
constexpr int Ok = 0;
constexpr int Failure = 1;       // results could not be written, the simulator did not start...
constexpr int Usage = 2;         // bad arguments, bad profile, unreadable journal
constexpr int Unreachable = 3;   // the endpoint could not be reached (results kept)
constexpr int AllFailed = 4;     // the endpoint answered, but no request succeeded (results kept)
constexpr int Regression = 5;    // compare --fail-if / run --assert held beyond the noise
constexpr int Interrupted = 130; // SIGINT/SIGTERM: stopped early, results written (128 + SIGINT)
} // namespace ExitCode
