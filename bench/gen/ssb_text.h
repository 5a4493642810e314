#pragma once

#include <array>
#include <string>
#include <string_view>

namespace flashlake::bench {

// Value domains of the Star Schema Benchmark (O'Neil, O'Neil, Chen: SSB revision 3), which
// inherits TPC-H's nations, regions, colours, part types and containers.

struct Nation {
    std::string_view name;
    int region;  // index into kSsbRegions
};

inline constexpr std::array<std::string_view, 5> kSsbRegions = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
extern const std::array<Nation, 25> kSsbNations;
extern const std::array<std::string_view, 92> kSsbColors;
extern const std::array<std::string_view, 6> kSsbTypeSize;
extern const std::array<std::string_view, 5> kSsbTypeFinish;
extern const std::array<std::string_view, 5> kSsbTypeMaterial;
extern const std::array<std::string_view, 5> kSsbContainerSize;
extern const std::array<std::string_view, 8> kSsbContainerKind;
inline constexpr std::array<std::string_view, 5> kSsbSegments = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD",
                                                                 "MACHINERY"};
inline constexpr std::array<std::string_view, 5> kSsbPriorities = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECI",
                                                                   "5-LOW"};
inline constexpr std::array<std::string_view, 7> kSsbShipModes = {"REG AIR", "AIR",  "RAIL", "SHIP",
                                                                  "TRUCK",   "MAIL", "FOB"};
extern const std::array<std::string_view, 12> kMonthNames;
extern const std::array<std::string_view, 7> kWeekdayNames;  // Sunday first

// A city is the nation's name cut or space-padded to 9 characters plus a digit: 'UNITED KI1'.
std::string SsbCityName(int nation, int digit);

}  // namespace flashlake::bench
