// Which server of a room's list comes next, and when the backoff is waited for.
#include <doctest/doctest.h>

#include "net/server_rotation.hpp"

TEST_CASE("server rotation: one server waits the backoff after every failure, as before lists existed") {
    net::ServerRotation one({{"a", 1}});
    CHECK(one.currentText() == "a:1");
    CHECK(one.failed(true));
    CHECK(one.failed(false));
    CHECK(one.current() == net::Endpoint{"a", 1});
}

TEST_CASE(
    "server rotation: the next server at once, round robin, the backoff once every one failed in a row") {
    net::ServerRotation three({{"a", 1}, {"b", 2}, {"::1", 3}});
    CHECK(three.currentText() == "a:1");
    CHECK_FALSE(three.failed(true)); // a joined link lost: b at once
    CHECK(three.currentText() == "b:2");
    CHECK_FALSE(three.failed(false)); // b cannot be reached either: [::1] at once
    CHECK(three.currentText() == "[::1]:3");
    CHECK(three.failed(false)); // all three failed in a row: wait before a again
    CHECK(three.currentText() == "a:1");
    CHECK(three.failed(false)); // and before each one after that
    CHECK(three.currentText() == "b:2");

    CHECK_FALSE(three.failed(true)); // b had joined since: a new row starts
    CHECK(three.currentText() == "[::1]:3");
    CHECK_FALSE(three.failed(false));
    CHECK(three.failed(false));

    three.restart(); // the user asked to connect now: a new row, from the same server
    CHECK(three.currentText() == "b:2");
    CHECK_FALSE(three.failed(false));
    CHECK(three.currentText() == "[::1]:3");
}
