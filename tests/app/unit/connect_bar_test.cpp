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
    CHECK(app::ConnectBar::stateText(m, 10'000) ==
          "reconnecting in 3s (the connection dropped: check the network)");
    CHECK(app::ConnectBar::stateText(m, 11'600) ==
          "reconnecting in 1s (the connection dropped: check the network)");
    m.apply(net::DisconnectedEvent{"shutting-down", -1, net::ErrorCode::ShuttingDown,
                                   net::DisconnectCause::ServerError},
            {20'000, 0});
    CHECK(app::ConnectBar::stateText(m, 20'000) ==
          "offline: the server is shutting down: the window reconnects when it is back");

    // The network layer's English reason never reaches a Chinese window.
    app::ChatModel zh(app::Lang::Zh);
    zh.apply(net::ConnectingEvent{"127.0.0.1:9", 1}, {0, 0});
    zh.apply(net::DisconnectedEvent{"connecting to 127.0.0.1:9 timed out", 1000, net::ErrorCode::None,
                                    net::DisconnectCause::ConnectTimeout},
             {0, 0});
    CHECK(app::ConnectBar::stateText(zh, 0) ==
          "1 秒后重连（连接 127.0.0.1:9 超时：请检查地址，以及防火墙是否放行这个端口）");
}
