#include "tpch_orders.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "block_writer.h"
#include "civil_date.h"
#include "csv_row.h"
#include "rng.h"
#include "ssb_text.h"
#include "tpch_text.h"

namespace flashlake::bench {
namespace {

constexpr uint64_t kOrdersStream = 28;
constexpr int64_t kOrdersPerBlock = 4096;
constexpr int kMaxLines = 7;

constexpr std::array<std::string_view, 5> kPriorities = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED",
                                                         "5-LOW"};
constexpr std::array<std::string_view, 4> kInstructions = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                                           "TAKE BACK RETURN"};

struct Line {
    int64_t partkey;
    int64_t suppkey;
    int64_t quantity;
    int64_t extended_price;  // cents
    int64_t discount;        // hundredths, 0..10
    int64_t tax;             // hundredths, 0..8
    char return_flag;
    char line_status;
    int32_t ship_day;
    int32_t commit_day;
    int32_t receipt_day;
    int instruction;
    int ship_mode;
    std::string comment;
};

struct Order {
    int64_t orderkey;
    int64_t custkey;
    char status;
    int64_t total_price;  // cents
    int32_t order_day;
    int priority;
    int64_t clerk;
    std::string comment;
    int line_count;
    std::array<Line, kMaxLines> lines;
};

// The dates of the specification (4.2.3): STARTDATE, CURRENTDATE and ENDDATE.
struct Calendar {
    int32_t start = DaysFromCivil(1992, 1, 1);
    int32_t current = DaysFromCivil(1995, 6, 17);
    int32_t end = DaysFromCivil(1998, 12, 31);
    DateTexts iso{start, end - start + 1};
};

// Order keys are sparse: the first 8 of every 32 (specification 4.2.3).
int64_t OrderKey(int64_t index) {
    return index / 8 * 32 + index % 8 + 1;
}

// A customer key that is not a multiple of 3: a third of the customers place no orders.
int64_t OrderCustomer(Rng& rng, int64_t customers) {
    const int64_t eligible = std::max<int64_t>(1, customers - customers / 3);
    const int64_t r = int64_t(rng.Below(uint64_t(eligible)));
    return std::min(customers, r / 2 * 3 + r % 2 + 1);
}

Order MakeOrder(Rng& rng, int64_t index, const TpchScale& scale, const Calendar& calendar) {
    Order order;
    order.orderkey = OrderKey(index);
    order.custkey = OrderCustomer(rng, scale.customers);
    order.order_day = int32_t(rng.Between(calendar.start, calendar.end - 151));
    order.priority = int(rng.Below(kPriorities.size()));
    order.clerk = rng.Between(1, scale.clerks);
    order.comment = TpchComment(rng, 19, 78);
    order.line_count = int(rng.Between(1, kMaxLines));
    // Sum of extended_price * (100 + tax) * (100 - discount), in 1/10,000 cents.
    __int128 total = 0;
    int shipped = 0;
    for (int i = 0; i < order.line_count; ++i) {
        Line& line = order.lines[size_t(i)];
        line.partkey = rng.Between(1, scale.parts);
        line.suppkey = TpchPartSupplier(line.partkey, int(rng.Below(4)), scale.suppliers);
        line.quantity = rng.Between(1, 50);
        line.extended_price = line.quantity * TpchRetailPriceCents(line.partkey);
        line.discount = rng.Between(0, 10);
        line.tax = rng.Between(0, 8);
        line.ship_day = order.order_day + int32_t(rng.Between(1, 121));
        line.commit_day = order.order_day + int32_t(rng.Between(30, 90));
        line.receipt_day = line.ship_day + int32_t(rng.Between(1, 30));
        const bool returned = rng.Chance(5000);
        line.return_flag = line.receipt_day <= calendar.current ? (returned ? 'R' : 'A') : 'N';
        line.line_status = line.ship_day > calendar.current ? 'O' : 'F';
        shipped += line.line_status == 'F' ? 1 : 0;
        line.instruction = int(rng.Below(kInstructions.size()));
        line.ship_mode = int(rng.Below(kSsbShipModes.size()));
        line.comment = TpchComment(rng, 10, 43);
        total += __int128(line.extended_price) * (100 + line.tax) * (100 - line.discount);
    }
    order.total_price = int64_t((total + 5000) / 10000);
    order.status = shipped == order.line_count ? 'F' : shipped == 0 ? 'O' : 'P';
    return order;
}

void FormatOrders(const Order& order, const Calendar& calendar, std::string& out) {
    CsvRow(out)
        .Int(order.orderkey)
        .Int(order.custkey)
        .Text(std::string_view(&order.status, 1))
        .Cents(order.total_price)
        .Text(calendar.iso.Iso(order.order_day))
        .Text(kPriorities[size_t(order.priority)])
        .Text(TpchNumberedName("Clerk#", order.clerk))
        .Int(0)  // o_shippriority
        .Text(order.comment)
        .End();
}

void FormatLines(const Order& order, const Calendar& calendar, std::string& out) {
    for (int i = 0; i < order.line_count; ++i) {
        const Line& line = order.lines[size_t(i)];
        CsvRow(out)
            .Int(order.orderkey)
            .Int(line.partkey)
            .Int(line.suppkey)
            .Int(i + 1)
            .Int(line.quantity)
            .Cents(line.extended_price)
            .Cents(line.discount)
            .Cents(line.tax)
            .Text(std::string_view(&line.return_flag, 1))
            .Text(std::string_view(&line.line_status, 1))
            .Text(calendar.iso.Iso(line.ship_day))
            .Text(calendar.iso.Iso(line.commit_day))
            .Text(calendar.iso.Iso(line.receipt_day))
            .Text(kInstructions[size_t(line.instruction)])
            .Text(kSsbShipModes[size_t(line.ship_mode)])
            .Text(line.comment)
            .End();
    }
}

}  // namespace

int64_t TpchRetailPriceCents(int64_t partkey) {
    return 90000 + (partkey / 10) % 20001 + 100 * (partkey % 1000);
}

int64_t TpchPartSupplier(int64_t partkey, int i, int64_t suppliers) {
    return (partkey + i * (suppliers / 4 + (partkey - 1) / suppliers)) % suppliers + 1;
}

void WriteTpchOrders(const TpchScale& scale, uint64_t seed, const std::string& out_dir, int threads) {
    const Calendar calendar;
    const uint64_t blocks = uint64_t((scale.orders + kOrdersPerBlock - 1) / kOrdersPerBlock);
    for (const bool lines : {false, true}) {
        const std::string header =
            lines ? "l_orderkey,l_partkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_tax,"
                    "l_returnflag,l_linestatus,l_shipdate,l_commitdate,l_receiptdate,l_shipinstruct,l_shipmode,"
                    "l_comment\n"
                  : "o_orderkey,o_custkey,o_orderstatus,o_totalprice,o_orderdate,o_orderpriority,o_clerk,"
                    "o_shippriority,o_comment\n";
        WriteBlocksInOrder(out_dir + (lines ? "/lineitem.csv" : "/orders.csv"), header, blocks, threads,
                           [&](uint64_t block, std::string& out) {
                               Rng rng(StreamSeed(seed, kOrdersStream, block));
                               const int64_t first = int64_t(block) * kOrdersPerBlock;
                               const int64_t end = std::min(scale.orders, first + kOrdersPerBlock);
                               for (int64_t index = first; index < end; ++index) {
                                   const Order order = MakeOrder(rng, index, scale, calendar);
                                   if (lines) {
                                       FormatLines(order, calendar, out);
                                   } else {
                                       FormatOrders(order, calendar, out);
                                   }
                               }
                           });
    }
}

}  // namespace flashlake::bench
