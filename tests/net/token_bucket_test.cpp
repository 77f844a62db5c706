// The token bucket shared by the server's flood control and the client's outbox pacing.
#include <doctest/doctest.h>

#include "net/token_bucket.hpp"

using namespace std::chrono_literals;
using Clock = net::TokenBucket::Clock;

TEST_CASE("token bucket: starts full, refills at its rate, never above its burst") {
    const Clock::time_point t0{};
    net::TokenBucket bucket(10.0, 3.0, t0);
    CHECK(bucket.available(t0) == 3);
    CHECK(bucket.take(t0));
    CHECK(bucket.take(t0));
    CHECK(bucket.take(t0));
    CHECK_FALSE(bucket.take(t0));
    CHECK(bucket.untilNext() == 100ms);
    CHECK_FALSE(bucket.take(t0 + 99ms));
    CHECK(bucket.take(t0 + 100ms));
    CHECK(bucket.available(t0 + 10s) == 3); // an hour of silence buys no more than the burst
    bucket.spend(2);
    CHECK(bucket.available(t0 + 10s) == 1);
    CHECK(bucket.untilNext() == 0ms);
}

TEST_CASE("token bucket: fill() starts over full, and time going backwards adds nothing") {
    const Clock::time_point t0 = Clock::time_point{} + 1h;
    net::TokenBucket bucket(1.0, 2.0, t0);
    bucket.spend(2);
    CHECK(bucket.available(t0 - 1s) == 0);
    bucket.fill(t0);
    CHECK(bucket.available(t0) == 2);
}
