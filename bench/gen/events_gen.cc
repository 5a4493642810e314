#include "events_gen.h"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "block_writer.h"
#include "civil_date.h"
#include "csv_row.h"
#include "rng.h"
#include "skew.h"

// The flash-sale clickstream model.
//
// Rows are produced by sessions. A session is one user on one channel and (mostly) their usual
// device; it looks at 1..8 items (mean 2) and each item view walks the purchase funnel
// impression -> click -> add_cart -> order -> pay, stopping at each step with fixed odds. The
// odds give the event mix 60% / 25% / 8% / 4% / 3%, and every pay follows an order of the same
// item by the same user, so funnel and conversion queries see plausible users.
//
// Popularity is skewed: users (20M) and items (1M) are Zipf-like, an item belongs to one shop
// (100k shops, themselves skewed), a user lives in one of 300 cities (skewed) for the whole
// month. Time follows a daily cycle over 30 days from 2026-11-01, with the 11.11 sale (a
// midnight spike, an evening wave, the days around it busier) and Black Friday.
//
// Row i's session starts at the (i + u) / N quantile of that time profile, so the file reads
// roughly in time order, like a log, and each block of rows can be made on its own.

namespace flashlake::bench {
namespace {

constexpr uint64_t kRowsPerBlock = 1 << 16;
constexpr uint64_t kEventsStream = 1;

constexpr int kDays = 30;
constexpr int kSecondsPerDay = 86400;

constexpr uint64_t kUserCount = 20'000'000;
constexpr int64_t kUserIdBase = 10'000'000'000;  // ids above 2^32 keep user_id a real BIGINT
constexpr double kUserSkew = 0.75;
constexpr uint64_t kItemCount = 1'000'000;
constexpr int64_t kItemIdBase = 100'000'000;
constexpr double kItemSkew = 0.85;
constexpr uint64_t kShopCount = 100'000;
constexpr int64_t kShopIdBase = 10'000;
constexpr double kShopSkew = 0.9;  // flagship stores hold a large share of the items
constexpr double kCitySkew = 0.9;

// Continuation odds (per 10,000) from one funnel step to the next: 25/60, 8/25, 4/8, 3/4.
constexpr std::array<uint32_t, 4> kStepOdds = {4167, 3200, 5000, 7500};
constexpr std::array<std::string_view, 5> kEventTypes = {"impression", "click", "add_cart", "order", "pay"};

constexpr std::array<std::string_view, 20> kChannels = {
    "app_home",    "search",       "recommend",   "flash_sale", "live_stream", "cart_reminder", "push",
    "coupon_page", "mini_program", "short_video", "social",     "notes",       "video_feed",    "microblog",
    "search_ads",  "display_ads",  "affiliate",   "email",      "sms",         "direct"};
constexpr std::array<uint32_t, 20> kChannelWeights = {18, 16, 14, 10, 8, 4, 4, 4, 4, 3, 3, 2, 2, 1, 2, 1, 1, 1, 1, 1};

constexpr std::array<std::string_view, 5> kDevices = {"android", "ios", "harmonyos", "web", "tablet"};
constexpr std::array<uint32_t, 5> kDeviceWeights = {48, 36, 10, 4, 2};
constexpr uint32_t kUsualDeviceOdds = 8500;

// 20 x 15 = 300 city names made of pinyin-like syllables: realistic-looking, comma-free, unique.
constexpr std::array<std::string_view, 20> kCityHeads = {"Xin",  "Bei", "Nan", "Dong",  "Xi",   "Shang", "Guang",
                                                         "Hang", "Su",  "Wu",  "Chang", "Tian", "Qing",  "Jin",
                                                         "Fu",   "Hai", "Yun", "Lan",   "Ning", "He"};
constexpr std::array<std::string_view, 15> kCityTails = {"zhou", "jing", "yang", "chang", "sha",  "an",  "hai", "du",
                                                         "men",  "kou",  "shan", "ping",  "xing", "tai", "yuan"};

// Relative traffic per hour of day: quiet nights, a late-morning plateau, an evening peak.
constexpr std::array<uint32_t, 24> kHourWeights = {35, 20, 12, 8,  6,  7,  12, 22, 38,  52,  62,  68,
                                                   72, 66, 60, 62, 66, 72, 80, 96, 112, 120, 104, 70};

// Price tiers of an item, in cents; cheap items are the most common.
constexpr std::array<int64_t, 10> kPriceTiers = {990, 1990, 2990, 4990, 7990, 9990, 19990, 49990, 99990, 299900};
constexpr std::array<uint32_t, 10> kPriceWeights = {20, 18, 15, 12, 10, 9, 7, 5, 3, 1};

// Maps a quantile of the month's traffic to a second of the month.
class ActivityClock {
public:
    explicit ActivityClock(int32_t first_day) {
        uint64_t sum = 0;
        for (int day = 0; day < kDays; ++day) {
            const uint64_t day_factor = DayFactor(day, DayOfWeek(first_day + day));
            for (int hour = 0; hour < 24; ++hour) {
                sum += kHourWeights[hour] * day_factor * SpikeFactor(day, hour) / 100;
                cumulative_[day * 24 + hour] = sum;
            }
        }
    }

    // `q` in [0, 1); returns seconds since the first midnight.
    int64_t SecondAt(double q) const {
        const double target = q * static_cast<double>(cumulative_.back());
        const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), static_cast<uint64_t>(target));
        const size_t hour = std::min<size_t>(it - cumulative_.begin(), cumulative_.size() - 1);
        const uint64_t before = hour == 0 ? 0 : cumulative_[hour - 1];
        const double within = (target - static_cast<double>(before)) / static_cast<double>(cumulative_[hour] - before);
        return static_cast<int64_t>(hour) * 3600 + std::clamp<int64_t>(static_cast<int64_t>(within * 3600), 0, 3599);
    }

private:
    // Percent of an ordinary weekday's traffic. Day 0 is November 1st.
    static uint64_t DayFactor(int day, int weekday) {
        switch (day + 1) {
            case 9:
                return 130;
            case 10:
                return 170;
            case 11:
                return 420;  // 11.11
            case 12:
                return 150;
            case 27:
                return 200;  // Black Friday
            case 30:
                return 160;  // Cyber Monday
            default:
                return weekday == 0 || weekday == 6 ? 115 : 100;
        }
    }

    // Percent within the day: the sale opens at midnight and has a second wave in the evening.
    static uint64_t SpikeFactor(int day, int hour) {
        if (day + 1 == 11 && hour == 0) return 600;
        if (day + 1 == 11 && hour == 20) return 200;
        if (day + 1 == 10 && hour >= 20) return 180;
        return 100;
    }

    std::array<uint64_t, kDays * 24> cumulative_{};
};

// Everything that does not change between blocks; shared read-only by the workers.
struct EventsModel {
    explicit EventsModel(const EventsOptions& options)
        : rows(options.rows),
          seed(options.seed),
          first_day(DaysFromCivil(2026, 11, 1)),
          dates(first_day, kDays),
          clock(first_day),
          users(kUserCount, kUserSkew),
          items(kItemCount, kItemSkew),
          shops(kShopCount, kShopSkew),
          cities_by_rank(kCityHeads.size() * kCityTails.size(), kCitySkew),
          user_ids(kUserCount),
          item_ids(kItemCount),
          shop_ids(kShopCount),
          city_ids(kCityHeads.size() * kCityTails.size()),
          channels(kChannelWeights),
          devices(kDeviceWeights),
          prices(kPriceWeights) {
        for (std::string_view head : kCityHeads) {
            for (std::string_view tail : kCityTails) city_names.push_back(std::string(head) + std::string(tail));
        }
        if (std::set<std::string>(city_names.begin(), city_names.end()).size() != city_names.size()) {
            throw std::logic_error("city names are not unique");
        }
    }

    uint64_t rows;
    uint64_t seed;
    int32_t first_day;
    DateTexts dates;
    ActivityClock clock;
    ZipfSampler users, items, shops, cities_by_rank;
    IdScatter user_ids, item_ids, shop_ids, city_ids;
    WeightedPick channels, devices, prices;
    std::vector<std::string> city_names;
};

// The attributes of one item view, fixed for all its funnel events.
struct ItemView {
    int64_t item_id;
    int64_t shop_id;
    int64_t price_cents;
};

// Writes the rows of one block, session after session, until the block is full (its last
// session is cut short; the next block starts a fresh one).
class EventsBlock {
public:
    EventsBlock(const EventsModel& model, uint64_t block, std::string& out)
        : model_(model),
          rng_(StreamSeed(model.seed, kEventsStream, block)),
          out_(out),
          row_(block * kRowsPerBlock),
          end_row_(std::min(row_ + kRowsPerBlock, model.rows)) {}

    void Write() {
        while (row_ < end_row_) WriteSession();
    }

private:
    void WriteSession() {
        const uint64_t rank = model_.users.Rank(rng_.Unit());
        user_id_ = kUserIdBase + static_cast<int64_t>(model_.user_ids(rank));
        const uint64_t user_hash = Mix64(static_cast<uint64_t>(user_id_));
        city_ = model_.city_names[model_.city_ids(model_.cities_by_rank.Rank(HashToUnit(user_hash)))];
        const uint32_t usual_device = model_.devices.Pick(HashBelow(Mix64(user_hash), model_.devices.Total()));
        const bool usual = rng_.Chance(kUsualDeviceOdds);
        const uint32_t other_device = model_.devices.Pick(rng_.Below(model_.devices.Total()));
        device_ = kDevices[usual ? usual_device : other_device];
        channel_ = kChannels[model_.channels.Pick(rng_.Below(model_.channels.Total()))];
        time_ = model_.clock.SecondAt((static_cast<double>(row_) + rng_.Unit()) / static_cast<double>(model_.rows));

        int views = 1;
        while (views < 8 && rng_.Chance(5000)) ++views;
        for (int i = 0; i < views && row_ < end_row_; ++i) {
            WriteItemView(PickItem());
            Advance(10, 300);
        }
    }

    ItemView PickItem() {
        const uint64_t rank = model_.items.Rank(rng_.Unit());
        const int64_t item_id = kItemIdBase + static_cast<int64_t>(model_.item_ids(rank));
        const uint64_t item_hash = Mix64(static_cast<uint64_t>(item_id));
        const uint64_t shop_rank = model_.shops.Rank(HashToUnit(item_hash));
        const uint64_t price_hash = Mix64(item_hash);
        const int64_t price = kPriceTiers[model_.prices.Pick(HashBelow(price_hash, model_.prices.Total()))] +
                              100 * static_cast<int64_t>(HashBelow(Mix64(price_hash), 10));
        return ItemView{item_id, kShopIdBase + static_cast<int64_t>(model_.shop_ids(shop_rank)), price};
    }

    void WriteItemView(const ItemView& item) {
        const int64_t quantity = rng_.Chance(1500) ? rng_.Between(2, 3) : 1;
        for (size_t step = 0; step < kEventTypes.size() && row_ < end_row_; ++step) {
            if (step > 0 && !rng_.Chance(kStepOdds[step - 1])) break;
            const bool paid_step = kEventTypes[step] == "order" || kEventTypes[step] == "pay";
            WriteRow(item, kEventTypes[step], paid_step ? item.price_cents * quantity : 0);
            Advance(2, 120);
        }
    }

    void WriteRow(const ItemView& item, std::string_view event_type, int64_t amount_cents) {
        const int32_t day = model_.first_day + static_cast<int32_t>(time_ / kSecondsPerDay);
        const std::string_view dt = model_.dates.Iso(day);
        CsvRow(out_)
            .DateTime(dt, static_cast<int>(time_ % kSecondsPerDay))
            .Text(dt)
            .Int(user_id_)
            .Int(item.item_id)
            .Int(item.shop_id)
            .Text(channel_)
            .Text(event_type)
            .Text(city_)
            .Text(device_)
            .Cents(amount_cents)
            .End();
        ++row_;
    }

    // Moves the session clock on by a few seconds, never past the end of the month.
    void Advance(int64_t min_seconds, int64_t max_seconds) {
        time_ = std::min<int64_t>(time_ + rng_.Between(min_seconds, max_seconds), int64_t{kDays} * kSecondsPerDay - 1);
    }

    const EventsModel& model_;
    Rng rng_;
    std::string& out_;
    uint64_t row_;
    const uint64_t end_row_;
    // The current session.
    int64_t user_id_ = 0;
    std::string_view city_, device_, channel_;
    int64_t time_ = 0;
};

}  // namespace

void GenerateEvents(const EventsOptions& options) {
    const EventsModel model(options);
    const uint64_t blocks = (options.rows + kRowsPerBlock - 1) / kRowsPerBlock;
    WriteBlocksInOrder(options.out_dir + "/events.csv",
                       "event_time,dt,user_id,item_id,shop_id,channel,event_type,city,device,amount\n", blocks,
                       options.threads, [&](uint64_t block, std::string& out) {
                           out.reserve(kRowsPerBlock * 120);
                           EventsBlock(model, block, out).Write();
                       });
}

}  // namespace flashlake::bench
