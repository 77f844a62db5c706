#include "app/diag/bench_trace.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <variant>

namespace app {
namespace {

/// Now on the monotonic clock, in milliseconds.
double nowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

BenchTrace::BenchTrace() : m_enabled(std::getenv("IMCHAT_BENCH_TRACE") != nullptr) {}

void BenchTrace::drained(const net::Event& e) {
    if (!m_enabled) return;
    if (const auto* c = std::get_if<net::Chat>(&e)) {
        const std::string_view line = std::string_view(c->text).substr(0, c->text.find('\n'));
        std::printf("imchat: trace chat %.3f %.*s\n", nowMs(), static_cast<int>(line.size()), line.data());
    } else if (std::holds_alternative<net::WelcomeEvent>(e)) {
        std::printf("imchat: trace welcome %.3f\n", nowMs());
    }
}

void BenchTrace::stateShown(std::string_view text) {
    if (!m_enabled || text == m_lastState) return;
    m_lastState = text;
    std::printf("imchat: trace state %.*s\n", static_cast<int>(text.size()), text.data());
    std::fflush(stdout);
}

void BenchTrace::presented(bool changed) {
    if (!m_enabled) return;
    std::printf("imchat: trace present %u %.3f %d\n", ++m_frames, nowMs(), changed ? 1 : 0);
    std::fflush(stdout);
}

} // namespace app
