#include "tpch_gen.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "block_writer.h"
#include "csv_row.h"
#include "rng.h"
#include "ssb_text.h"
#include "tpch_orders.h"
#include "tpch_text.h"

namespace flashlake::bench {
namespace {

constexpr uint64_t kRegionStream = 21;
constexpr uint64_t kNationStream = 22;
constexpr uint64_t kPartStream = 23;
constexpr uint64_t kSupplierStream = 24;
constexpr uint64_t kPartsuppStream = 25;
constexpr uint64_t kCustomerStream = 26;
constexpr uint64_t kComplaintStream = 27;
constexpr int64_t kRowsPerBlock = 1 << 14;

constexpr std::array<std::string_view, 5> kSegments = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD",
                                                       "MACHINERY"};

// Writes rows 1..count of a table in blocks of kRowsPerBlock; `row(rng, key, out)` appends one
// line and draws from a generator seeded by (seed, stream, block).
template <typename RowWriter>
void WriteTable(const TpchOptions& options, const std::string& file, const std::string& header, uint64_t stream,
                int64_t count, const RowWriter& row) {
    const uint64_t blocks = uint64_t((count + kRowsPerBlock - 1) / kRowsPerBlock);
    WriteBlocksInOrder(options.out_dir + "/" + file, header, blocks, options.threads,
                       [&](uint64_t block, std::string& out) {
                           Rng rng(StreamSeed(options.seed, stream, block));
                           const int64_t end = std::min(count, int64_t(block + 1) * kRowsPerBlock);
                           for (int64_t key = int64_t(block) * kRowsPerBlock + 1; key <= end; ++key) {
                               row(rng, key, out);
                           }
                       });
}

void WriteRegionAndNation(const TpchOptions& options) {
    WriteTable(options, "region.csv", "r_regionkey,r_name,r_comment\n", kRegionStream, int64_t(kSsbRegions.size()),
               [](Rng& rng, int64_t key, std::string& out) {
                   CsvRow(out).Int(key - 1).Text(kSsbRegions[size_t(key - 1)]).Text(TpchComment(rng, 31, 115)).End();
               });
    WriteTable(options, "nation.csv", "n_nationkey,n_name,n_regionkey,n_comment\n", kNationStream,
               int64_t(kSsbNations.size()), [](Rng& rng, int64_t key, std::string& out) {
                   const Nation& nation = kSsbNations[size_t(key - 1)];
                   CsvRow(out).Int(key - 1).Text(nation.name).Int(nation.region).Text(TpchComment(rng, 31, 114)).End();
               });
}

// P_NAME: five distinct colours.
std::string PartName(Rng& rng) {
    std::array<size_t, 5> picked{};
    std::string name;
    for (size_t i = 0; i < picked.size(); ++i) {
        size_t color;
        do {
            color = rng.Below(kSsbColors.size());
        } while (std::find(picked.begin(), picked.begin() + i, color) != picked.begin() + i);
        picked[i] = color;
        if (i > 0) name.push_back(' ');
        name.append(kSsbColors[color]);
    }
    return name;
}

void WritePart(const TpchOptions& options, const TpchScale& scale) {
    WriteTable(options, "part.csv",
               "p_partkey,p_name,p_mfgr,p_brand,p_type,p_size,p_container,p_retailprice,p_comment\n", kPartStream,
               scale.parts, [](Rng& rng, int64_t key, std::string& out) {
                   const std::string name = PartName(rng);
                   const int64_t manufacturer = rng.Between(1, 5);
                   const int64_t brand = manufacturer * 10 + rng.Between(1, 5);
                   std::string type(kSsbTypeSize[rng.Below(kSsbTypeSize.size())]);
                   type += ' ';
                   type += kSsbTypeFinish[rng.Below(kSsbTypeFinish.size())];
                   type += ' ';
                   type += kSsbTypeMaterial[rng.Below(kSsbTypeMaterial.size())];
                   const int64_t size = rng.Between(1, 50);
                   std::string container(kSsbContainerSize[rng.Below(kSsbContainerSize.size())]);
                   container += ' ';
                   container += kSsbContainerKind[rng.Below(kSsbContainerKind.size())];
                   CsvRow(out)
                       .Int(key)
                       .Text(name)
                       .Text("Manufacturer#" + std::to_string(manufacturer))
                       .Text("Brand#" + std::to_string(brand))
                       .Text(type)
                       .Int(size)
                       .Text(container)
                       .Cents(TpchRetailPriceCents(key))
                       .Text(TpchComment(rng, 5, 22))
                       .End();
               });
}

void WriteSupplier(const TpchOptions& options, const TpchScale& scale) {
    WriteTable(options, "supplier.csv", "s_suppkey,s_name,s_address,s_nationkey,s_phone,s_acctbal,s_comment\n",
               kSupplierStream, scale.suppliers, [&](Rng& rng, int64_t key, std::string& out) {
                   const int nation = int(rng.Below(kSsbNations.size()));
                   const std::string address = TpchAddress(rng);
                   const std::string phone = TpchPhone(rng, nation);
                   const int64_t balance = rng.Between(-99999, 999999);
                   // About 5 * SF suppliers get complaints and as many recommendations (1 in 2,000 each).
                   const uint64_t pick = HashBelow(Mix64(StreamSeed(options.seed, kComplaintStream, uint64_t(key))), 2000);
                   const std::string comment =
                       pick < 2 ? TpchSupplierComment(rng, pick == 0) : TpchComment(rng, 25, 100);
                   CsvRow(out)
                       .Int(key)
                       .Text(TpchNumberedName("Supplier#", key))
                       .Text(address)
                       .Int(nation)
                       .Text(phone)
                       .Cents(balance)
                       .Text(comment)
                       .End();
               });
}

void WritePartsupp(const TpchOptions& options, const TpchScale& scale) {
    WriteTable(options, "partsupp.csv", "ps_partkey,ps_suppkey,ps_availqty,ps_supplycost,ps_comment\n",
               kPartsuppStream, scale.parts, [&](Rng& rng, int64_t key, std::string& out) {
                   for (int i = 0; i < 4; ++i) {
                       CsvRow(out)
                           .Int(key)
                           .Int(TpchPartSupplier(key, i, scale.suppliers))
                           .Int(rng.Between(1, 9999))
                           .Cents(rng.Between(100, 100000))
                           .Text(TpchComment(rng, 49, 198))
                           .End();
                   }
               });
}

void WriteCustomer(const TpchOptions& options, const TpchScale& scale) {
    WriteTable(options, "customer.csv",
               "c_custkey,c_name,c_address,c_nationkey,c_phone,c_acctbal,c_mktsegment,c_comment\n", kCustomerStream,
               scale.customers, [](Rng& rng, int64_t key, std::string& out) {
                   const int nation = int(rng.Below(kSsbNations.size()));
                   const std::string address = TpchAddress(rng);
                   const std::string phone = TpchPhone(rng, nation);
                   const int64_t balance = rng.Between(-99999, 999999);
                   const std::string_view segment = kSegments[rng.Below(kSegments.size())];
                   CsvRow(out)
                       .Int(key)
                       .Text(TpchNumberedName("Customer#", key))
                       .Text(address)
                       .Int(nation)
                       .Text(phone)
                       .Cents(balance)
                       .Text(segment)
                       .Text(TpchComment(rng, 29, 116))
                       .End();
               });
}

}  // namespace

TpchScale TpchScale::FromFactor(double scale_factor) {
    const auto scaled = [&](double base) { return std::max<int64_t>(1, std::llround(base * scale_factor)); };
    TpchScale scale;
    scale.parts = scaled(200'000);
    scale.suppliers = scaled(10'000);
    scale.customers = scaled(150'000);
    scale.orders = scaled(1'500'000);
    scale.clerks = scaled(1'000);
    return scale;
}

void GenerateTpch(const TpchOptions& options) {
    const TpchScale scale = TpchScale::FromFactor(options.scale_factor);
    WriteRegionAndNation(options);
    WritePart(options, scale);
    WriteSupplier(options, scale);
    WritePartsupp(options, scale);
    WriteCustomer(options, scale);
    WriteTpchOrders(scale, options.seed, options.out_dir, options.threads);
}

}  // namespace flashlake::bench
