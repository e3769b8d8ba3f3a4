#pragma once

#include "profile/lengthdistribution.h"

#include <QString>

#include <optional>

// The compact text form of a LengthDistribution, for CLI flags and one-line displays:
//   256                                   fixed (also "fixed:256")
//   uniform:128..512                      (also uniform:min=128,max=512)
//   normal:300,50  normal:300,50,100..500 (also mean=,sd=,min=,max=; "gaussian")
//   lognormal:median=200,sigma=0.6[,min..max]   (also lognormal:200,0.6)
//   empirical:FILE  empirical:12,40,300   (a file's lengths, loaded later, or the values)
// format() writes the canonical form, which parse() reads back to an equal distribution.
class LengthSpec {
public:
    // nullopt with a one-line *error (text from the spec made printable) when the spec is
    // malformed or its values break a bound (LengthDistribution::validate()).
    static std::optional<LengthDistribution> parse(const QString& spec, QString* error);
    static QString format(const LengthDistribution& distribution);
};
