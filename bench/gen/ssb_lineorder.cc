#include "ssb_lineorder.h"

#include <algorithm>
#include <array>
#include <vector>

#include "block_writer.h"
#include "civil_date.h"
#include "csv_row.h"
#include "rng.h"
#include "ssb_text.h"

namespace flashlake::bench {
namespace {

constexpr uint64_t kLineorderStream = 14;
constexpr int64_t kOrdersPerBlock = 8192;
constexpr int kMaxLines = 7;

struct SsbLine {
    int64_t partkey;
    int64_t suppkey;
    int64_t quantity;
    int64_t discount;  // percent, 0..10
    int64_t tax;       // percent, 0..8
    int64_t extended_price;
    int64_t revenue;
    int64_t supply_cost;
    int32_t commit_day;
    int ship_mode;
};

struct SsbOrder {
    int64_t orderkey;
    int64_t custkey;
    int32_t order_day;
    int priority;
    int line_count;
    int64_t total_price;
    std::array<SsbLine, kMaxLines> lines;
};

// TPC-H's part retail price in cents: 900.00 .. 2098.99, a fixed function of the key.
int64_t RetailPriceCents(int64_t partkey) {
    return 90000 + (partkey / 10) % 20001 + 100 * (partkey % 1000);
}

// Dates of the order and commit dates, as text and as yyyymmdd keys.
class OrderCalendar {
public:
    OrderCalendar()
        : first_day_(DaysFromCivil(1992, 1, 1)),
          // TPC-H stops order dates 151 days before 1998-12-31 so that every later date of
          // the order (commit, ship, receipt) still falls inside the seven years.
          last_order_day_(DaysFromCivil(1998, 12, 31) - 151),
          iso_(first_day_, kSpan) {
        for (int32_t day = first_day_; day < first_day_ + kSpan; ++day) {
            const CivilDate date = CivilFromDays(day);
            keys_.push_back(date.year * 10000 + date.month * 100 + date.day);
        }
    }

    int32_t first_day() const { return first_day_; }
    int32_t last_order_day() const { return last_order_day_; }
    int32_t Key(int32_t day) const { return keys_[size_t(day - first_day_)]; }
    std::string_view Iso(int32_t day) const { return iso_.Iso(day); }

private:
    static constexpr int32_t kSpan = 7 * 366;

    int32_t first_day_;
    int32_t last_order_day_;
    DateTexts iso_;
    std::vector<int32_t> keys_;
};

SsbOrder MakeOrder(Rng& rng, int64_t orderkey, const SsbScale& scale, const OrderCalendar& calendar) {
    SsbOrder order;
    order.orderkey = orderkey;
    order.custkey = rng.Between(1, scale.customers);
    order.order_day = int32_t(rng.Between(calendar.first_day(), calendar.last_order_day()));
    order.priority = int(rng.Below(kSsbPriorities.size()));
    order.line_count = int(rng.Between(1, kMaxLines));
    order.total_price = 0;
    for (int i = 0; i < order.line_count; ++i) {
        SsbLine& line = order.lines[i];
        line.partkey = rng.Between(1, scale.parts);
        line.suppkey = rng.Between(1, scale.suppliers);
        line.quantity = rng.Between(1, 50);
        line.discount = rng.Between(0, 10);
        line.tax = rng.Between(0, 8);
        const int64_t price = RetailPriceCents(line.partkey);
        line.extended_price = line.quantity * price;
        line.revenue = line.extended_price * (100 - line.discount) / 100;
        line.supply_cost = 6 * price / 10;
        line.commit_day = order.order_day + int32_t(rng.Between(30, 90));
        line.ship_mode = int(rng.Below(kSsbShipModes.size()));
        order.total_price += line.revenue * (100 + line.tax) / 100;
    }
    return order;
}

// The columns every lineorder row has; dates are written by `date`, which differs per form.
template <typename DateWriter>
CsvRow& WriteLineColumns(CsvRow& row, const SsbOrder& order, const SsbLine& line, int line_number,
                         const DateWriter& date) {
    row.Int(order.orderkey).Int(line_number).Int(order.custkey).Int(line.partkey).Int(line.suppkey);
    date(row, order.order_day);
    row.Text(kSsbPriorities[order.priority])
        .Int(0)  // lo_shippriority
        .Int(line.quantity)
        .Int(line.extended_price)
        .Int(order.total_price)
        .Int(line.discount)
        .Int(line.revenue)
        .Int(line.supply_cost)
        .Int(line.tax);
    date(row, line.commit_day);
    return row.Text(kSsbShipModes[line.ship_mode]);
}

// Appends the lines of one block of orders, in either form.
void FormatOrderBlock(const SsbScale& scale, const SsbDimensions& dimensions, const OrderCalendar& calendar,
                      uint64_t seed, bool flat, uint64_t block, std::string& out) {
    const auto key_date = [&](CsvRow& row, int32_t day) { row.Int(calendar.Key(day)); };
    const auto iso_date = [&](CsvRow& row, int32_t day) { row.Text(calendar.Iso(day)); };
    Rng rng(StreamSeed(seed, kLineorderStream, block));
    const int64_t first = int64_t(block) * kOrdersPerBlock;
    const int64_t end = std::min(scale.orders, first + kOrdersPerBlock);
    for (int64_t index = first; index < end; ++index) {
        const SsbOrder order = MakeOrder(rng, index + 1, scale, calendar);
        for (int i = 0; i < order.line_count; ++i) {
            const SsbLine& line = order.lines[i];
            CsvRow row(out);
            if (!flat) {
                WriteLineColumns(row, order, line, i + 1, key_date).End();
                continue;
            }
            WriteLineColumns(row, order, line, i + 1, iso_date)
                .Text(dimensions.customers.Row(size_t(order.custkey - 1)))
                .Text(dimensions.suppliers.Row(size_t(line.suppkey - 1)))
                .Text(dimensions.parts.Row(size_t(line.partkey - 1)))
                .End();
        }
    }
}

}  // namespace

void WriteSsbLineorder(const SsbScale& scale, const SsbDimensions& dimensions, uint64_t seed,
                       const std::string& out_dir, int threads, bool flat) {
    const OrderCalendar calendar;
    const std::string line_header =
        "lo_orderkey,lo_linenumber,lo_custkey,lo_partkey,lo_suppkey,lo_orderdate,lo_orderpriority,lo_shippriority,"
        "lo_quantity,lo_extendedprice,lo_ordtotalprice,lo_discount,lo_revenue,lo_supplycost,lo_tax,lo_commitdate,"
        "lo_shipmode";
    const std::string flat_header =
        ",c_name,c_address,c_city,c_nation,c_region,c_phone,c_mktsegment,s_name,s_address,s_city,s_nation,s_region,"
        "s_phone,p_name,p_mfgr,p_category,p_brand,p_color,p_type,p_size,p_container";
    const std::string header = line_header + (flat ? flat_header : "") + "\n";
    const uint64_t blocks = uint64_t((scale.orders + kOrdersPerBlock - 1) / kOrdersPerBlock);
    WriteBlocksInOrder(out_dir + (flat ? "/lineorder_flat.csv" : "/lineorder.csv"), header, blocks, threads,
                       [&](uint64_t block, std::string& out) {
                           FormatOrderBlock(scale, dimensions, calendar, seed, flat, block, out);
                       });
}

}  // namespace flashlake::bench
