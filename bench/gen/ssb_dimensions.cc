#include "ssb_dimensions.h"

#include <algorithm>
#include <charconv>
#include <cstddef>

#include "block_writer.h"
#include "civil_date.h"
#include "csv_row.h"
#include "rng.h"
#include "ssb_text.h"

namespace flashlake::bench {
namespace {

constexpr uint64_t kCustomerStream = 11;
constexpr uint64_t kSupplierStream = 12;
constexpr uint64_t kPartStream = 13;
constexpr int64_t kRowsPerBlock = 1 << 16;
constexpr int kDateCount = 2556;

// 'Customer#000000042': the entity name and the key, zero-padded to 9 digits.
std::string NumberedName(std::string_view prefix, int64_t key) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), key).ptr;
    std::string name(prefix);
    name.append(size_t(std::max<std::ptrdiff_t>(0, 9 - (end - digits))), '0');
    name.append(digits, end);
    return name;
}

// 10..40 letters, digits and dots: TPC-H's random address text without its commas.
std::string RandomAddress(Rng& rng) {
    static constexpr std::string_view kChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.";
    std::string address(size_t(rng.Between(10, 40)), ' ');
    for (char& c : address) c = kChars[rng.Below(kChars.size())];
    return address;
}

// 'CC-NNN-NNN-NNNN' with the nation's country code (nation + 10), as in TPC-H.
std::string PhoneNumber(int nation, Rng& rng) {
    std::string phone = std::to_string(nation + 10);
    phone += '-' + std::to_string(rng.Between(100, 999));
    phone += '-' + std::to_string(rng.Between(100, 999));
    phone += '-' + std::to_string(rng.Between(1000, 9999));
    return phone;
}

std::string CustomerRow(int64_t key, uint64_t seed) {
    Rng rng(StreamSeed(seed, kCustomerStream, uint64_t(key)));
    const int nation = int(rng.Below(kSsbNations.size()));
    const int city_digit = int(rng.Below(10));
    const std::string address = RandomAddress(rng);
    const std::string phone = PhoneNumber(nation, rng);
    std::string row;
    CsvRow(row)
        .Text(NumberedName("Customer#", key))
        .Text(address)
        .Text(SsbCityName(nation, city_digit))
        .Text(kSsbNations[nation].name)
        .Text(kSsbRegions[kSsbNations[nation].region])
        .Text(phone)
        .Text(kSsbSegments[rng.Below(kSsbSegments.size())]);
    return row;
}

std::string SupplierRow(int64_t key, uint64_t seed) {
    Rng rng(StreamSeed(seed, kSupplierStream, uint64_t(key)));
    const int nation = int(rng.Below(kSsbNations.size()));
    const int city_digit = int(rng.Below(10));
    const std::string address = RandomAddress(rng);
    const std::string phone = PhoneNumber(nation, rng);
    std::string row;
    CsvRow(row)
        .Text(NumberedName("Supplier#", key))
        .Text(address)
        .Text(SsbCityName(nation, city_digit))
        .Text(kSsbNations[nation].name)
        .Text(kSsbRegions[kSsbNations[nation].region])
        .Text(phone);
    return row;
}

// Manufacturer 'MFGR#m' (m in 1..5), category 'MFGR#mc' (c in 1..5), brand 'MFGR#mcb' (b in
// 1..40, not zero-padded): 5, 25 and 1,000 distinct values, as Q2-Q4 expect.
std::string PartRow(int64_t key, uint64_t seed) {
    Rng rng(StreamSeed(seed, kPartStream, uint64_t(key)));
    const size_t first_color = rng.Below(kSsbColors.size());
    const size_t second_color = (first_color + 1 + rng.Below(kSsbColors.size() - 1)) % kSsbColors.size();
    const std::string name = std::string(kSsbColors[first_color]) + ' ' + std::string(kSsbColors[second_color]);
    const std::string mfgr = "MFGR#" + std::to_string(rng.Between(1, 5));
    const std::string category = mfgr + std::to_string(rng.Between(1, 5));
    const std::string brand = category + std::to_string(rng.Between(1, 40));
    const std::string_view color = kSsbColors[rng.Below(kSsbColors.size())];
    std::string type(kSsbTypeSize[rng.Below(kSsbTypeSize.size())]);
    type += ' ';
    type += kSsbTypeFinish[rng.Below(kSsbTypeFinish.size())];
    type += ' ';
    type += kSsbTypeMaterial[rng.Below(kSsbTypeMaterial.size())];
    const int64_t size = rng.Between(1, 50);
    std::string container(kSsbContainerSize[rng.Below(kSsbContainerSize.size())]);
    container += ' ';
    container += kSsbContainerKind[rng.Below(kSsbContainerKind.size())];
    std::string row;
    CsvRow(row).Text(name).Text(mfgr).Text(category).Text(brand).Text(color).Text(type).Int(size).Text(container);
    return row;
}

void WriteKeyedRows(const TextRows& rows, const std::string& path, const std::string& header, int threads) {
    const int64_t count = int64_t(rows.size());
    const uint64_t blocks = uint64_t((count + kRowsPerBlock - 1) / kRowsPerBlock);
    WriteBlocksInOrder(path, header, blocks, threads, [&](uint64_t block, std::string& out) {
        const int64_t end = std::min(count, int64_t(block + 1) * kRowsPerBlock);
        for (int64_t index = int64_t(block) * kRowsPerBlock; index < end; ++index) {
            CsvRow(out).Int(index + 1).Text(rows.Row(size_t(index))).End();
        }
    });
}

std::string_view SellingSeason(int month) {
    if (month == 12) return "Christmas";
    if (month <= 2) return "Winter";
    if (month <= 5) return "Spring";
    if (month <= 8) return "Summer";
    return "Fall";
}

bool IsHoliday(const CivilDate& date) {
    const int md = date.month * 100 + date.day;
    return md == 101 || md == 704 || md == 1111 || md == 1224 || md == 1225 || md == 1231;
}

}  // namespace

SsbDimensions BuildSsbDimensions(const SsbScale& scale, uint64_t seed) {
    SsbDimensions dimensions;
    for (int64_t key = 1; key <= scale.customers; ++key) dimensions.customers.Add(CustomerRow(key, seed));
    for (int64_t key = 1; key <= scale.suppliers; ++key) dimensions.suppliers.Add(SupplierRow(key, seed));
    for (int64_t key = 1; key <= scale.parts; ++key) dimensions.parts.Add(PartRow(key, seed));
    return dimensions;
}

void WriteSsbDimensions(const SsbDimensions& dimensions, const std::string& out_dir, int threads) {
    WriteKeyedRows(dimensions.customers, out_dir + "/customer.csv",
                   "c_custkey,c_name,c_address,c_city,c_nation,c_region,c_phone,c_mktsegment\n", threads);
    WriteKeyedRows(dimensions.suppliers, out_dir + "/supplier.csv",
                   "s_suppkey,s_name,s_address,s_city,s_nation,s_region,s_phone\n", threads);
    WriteKeyedRows(dimensions.parts, out_dir + "/part.csv",
                   "p_partkey,p_name,p_mfgr,p_category,p_brand1,p_color,p_type,p_size,p_container\n", threads);
}

void WriteSsbDates(const std::string& out_dir) {
    const std::string header =
        "d_datekey,d_date,d_dayofweek,d_month,d_year,d_yearmonthnum,d_yearmonth,d_daynuminweek,d_daynuminmonth,"
        "d_daynuminyear,d_monthnuminyear,d_weeknuminyear,d_sellingseason,d_lastdayinweekfl,d_lastdayinmonthfl,"
        "d_holidayfl,d_weekdayfl\n";
    const int32_t first_day = DaysFromCivil(1992, 1, 1);
    WriteBlocksInOrder(out_dir + "/dates.csv", header, 1, 1, [&](uint64_t, std::string& out) {
        for (int32_t day = first_day; day < first_day + kDateCount; ++day) {
            const CivilDate date = CivilFromDays(day);
            const int weekday = DayOfWeek(day);
            const int day_of_year = DayOfYear(day);
            const std::string_view month = kMonthNames[date.month - 1];
            // 'December 31 1997': the specification's text without its comma.
            const std::string long_date =
                std::string(month) + ' ' + std::to_string(date.day) + ' ' + std::to_string(date.year);
            const std::string year_month = std::string(month.substr(0, 3)) + std::to_string(date.year);
            CsvRow(out)
                .Int(date.year * 10000 + date.month * 100 + date.day)
                .Text(long_date)
                .Text(kWeekdayNames[weekday])
                .Text(month)
                .Int(date.year)
                .Int(date.year * 100 + date.month)
                .Text(year_month)
                .Int(weekday + 1)
                .Int(date.day)
                .Int(day_of_year)
                .Int(date.month)
                // Week n holds days 7n-6 .. 7n of the year, so week 6 of 1994 is February 5-11.
                .Int((day_of_year - 1) / 7 + 1)
                .Text(SellingSeason(date.month))
                .Int(weekday == 6 ? 1 : 0)
                .Int(date.day == DaysInMonth(date.year, date.month) ? 1 : 0)
                .Int(IsHoliday(date) ? 1 : 0)
                .Int(weekday >= 1 && weekday <= 5 ? 1 : 0)
                .End();
        }
    });
}

}  // namespace flashlake::bench
