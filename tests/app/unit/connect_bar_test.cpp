#include <doctest/doctest.h>

#include "app/model/chat_model.hpp"
#include "app/panels/connect_bar.hpp"

TEST_CASE("connect_bar: the connection state is spelled out, with the reconnect countdown") {
    app::ChatModel m(app::Lang::En);
    m.setNoName();
    CHECK(app::ConnectBar::stateText(m, 0) == "offline: enter a user name to connect");
    m.apply(net::ConnectingEvent{"127.0.0.1:12000", 1}, {0, 0});
    CHECK(app::ConnectBar::stateText(m, 0) == "connecting to 127.0.0.1:12000\u2026");
    net::WelcomeEvent w;
    w.you = "bob";
    m.apply(w, {0, 0});
    CHECK(app::ConnectBar::stateText(m, 0) == "online: bob @ 127.0.0.1:12000");
    m.apply(net::DisconnectedEvent{"connection lost: reset", 2500}, {10'000, 0});
    CHECK(app::ConnectBar::stateText(m, 10'000) == "reconnecting in 3s (connection lost: reset)");
    CHECK(app::ConnectBar::stateText(m, 11'600) == "reconnecting in 1s (connection lost: reset)");
    m.apply(net::DisconnectedEvent{"the server is shutting down", -1}, {20'000, 0});
    CHECK(app::ConnectBar::stateText(m, 20'000) == "offline: the server is shutting down");

    app::ChatModel zh(app::Lang::Zh);
    zh.apply(net::DisconnectedEvent{"x", 1000}, {0, 0});
    CHECK(app::ConnectBar::stateText(zh, 0) == "1 秒后重连（x）");
}
