#include "server/descriptor_limit.hpp"

#include <algorithm>

#include <sys/resource.h>

namespace server {

std::string raiseDescriptorLimit(std::uint64_t wanted) {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return "cannot read the open-file limit";
    if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < wanted) {
        const rlim_t raised = lim.rlim_max == RLIM_INFINITY ? wanted : std::min<rlim_t>(wanted, lim.rlim_max);
        if (raised > lim.rlim_cur) {
            rlimit next = lim;
            next.rlim_cur = raised;
            if (setrlimit(RLIMIT_NOFILE, &next) == 0) lim = next;
        }
    }
    if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < wanted)
        return "the open-file limit is " + std::to_string(lim.rlim_cur) + " (hard limit " +
               std::to_string(lim.rlim_max) + "), below the " + std::to_string(wanted) +
               " that --max-clients needs: raise it (ulimit -Hn, LimitNOFILE=) or lower --max-clients";
    return {};
}

} // namespace server
