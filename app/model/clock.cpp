#include "app/model/clock.hpp"

#include <chrono>
#include <ctime>

namespace app {

Now now() {
    using namespace std::chrono;
    return Now{duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count(),
               static_cast<std::uint64_t>(
                   duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count())};
}

std::size_t formatStamp(std::uint64_t utcMs, char* out, std::size_t size) {
    const auto seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return std::strftime(out, size, "[%Y-%m-%d %H:%M:%S]", &local);
}

} // namespace app
