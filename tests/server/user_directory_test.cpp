// UserDirectory against a std::set: the frames a newcomer gets, decoded with the real codec, are the sorted
// list of names online, whatever order the joins and departures came in.
#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "net/codec.hpp"
#include "server/user_directory.hpp"

namespace {

/// Decodes what the directory delivers: UsersParts, then one Users.
class ListReader final : public server::Participant {
public:
    void deliver(const server::Frame& frame) override { m_frames.push_back(frame); }
    void evict(net::ErrorCode) override {}
    const std::string& ip() const override { return m_ip; }

    /// The names in the frames, and how many frames there were; fails the test on a malformed sequence.
    std::vector<std::string> names(std::size_t* frames = nullptr) const {
        net::FrameDecoder decoder;
        for (const auto& f : m_frames) decoder.feed(*f);
        std::vector<std::string> all;
        bool ended = false;
        std::size_t count = 0;
        net::Message m;
        while (decoder.next(m) == net::DecodeStatus::Complete) {
            ++count;
            REQUIRE_FALSE(ended);
            CHECK(m_frames[count - 1]->size() <= 4 + net::kMaxFrameBytes);
            if (auto* part = std::get_if<net::UsersPart>(&m)) {
                all.insert(all.end(), part->names.begin(), part->names.end());
            } else {
                auto& users = std::get<net::Users>(m);
                all.insert(all.end(), users.names.begin(), users.names.end());
                ended = true;
            }
        }
        CHECK(ended);
        CHECK(count == m_frames.size());
        if (frames) *frames = count;
        return all;
    }

    const std::vector<server::Frame>& frames() const { return m_frames; }

private:
    std::vector<server::Frame> m_frames;
    std::string m_ip = "127.0.0.1";
};

std::vector<std::string> listOf(server::UserDirectory& d, std::size_t* frames = nullptr) {
    ListReader reader;
    d.deliverTo(reader);
    return reader.names(frames);
}

} // namespace

TEST_CASE("the user list stays sorted and exact through random joins and departures, in frames that fit") {
    server::UserDirectory directory;
    std::set<std::string> truth; // names are stable strings: the directory holds views of them
    std::mt19937 random(7);
    std::vector<std::string> pool;
    for (int i = 0; i < 6000; ++i) // short and long names, Chinese among them, in no particular order
        pool.push_back((i % 3 == 0   ? "用户"
                        : i % 3 == 1 ? "u"
                                     : "a-rather-long-name-of-someone-") +
                       std::to_string(random() % 100000) + "-" + std::to_string(i));
    std::size_t checks = 0;
    for (int step = 0; step < 30000; ++step) {
        const std::string& name = pool[random() % pool.size()];
        if (truth.count(name)) {
            directory.remove(name);
            truth.erase(name);
        } else if (random() % 4 != 0 || truth.size() < 100) {
            directory.add(name);
            truth.insert(name);
        }
        if (step % 1000 == 999) {
            ++checks;
            std::size_t frames = 0;
            const auto got = listOf(directory, &frames);
            REQUIRE(got == std::vector<std::string>(truth.begin(), truth.end()));
            CHECK(directory.size() == truth.size());
            // Chunks stay between a quarter and all of kSplitBytes on average: no pile of tiny frames.
            std::size_t bytes = 0;
            for (const auto& n : truth) bytes += 2 + n.size();
            CHECK(frames <= 1 + 4 * bytes / server::UserDirectory::kSplitBytes);
        }
    }
    CHECK(checks == 30);
    // Everyone leaves: an empty Users.
    for (const auto& n : std::vector<std::string>(truth.begin(), truth.end())) directory.remove(n);
    CHECK(listOf(directory).empty());
    directory.remove("nobody"); // harmless
    CHECK(directory.size() == 0);
}

TEST_CASE("a newcomer's list shares the frames of chunks that did not change") {
    server::UserDirectory directory;
    std::vector<std::string> names;
    for (int i = 0; i < 5000; ++i) names.push_back("member" + std::to_string(10000 + i));
    for (const auto& n : names) directory.add(n);
    ListReader first, second;
    directory.deliverTo(first);
    const std::string late = "member99999"; // sorts last: only the last chunk changes
    directory.add(late);
    directory.deliverTo(second);
    const auto a = first.names(), b = second.names();
    CHECK(b.size() == a.size() + 1);
    CHECK(b.back() == late);
    // Every frame but the last is the very same shared frame: nothing else was encoded again.
    REQUIRE(first.frames().size() == second.frames().size());
    REQUIRE(first.frames().size() > 2);
    for (std::size_t i = 0; i + 1 < first.frames().size(); ++i)
        CHECK(first.frames()[i] == second.frames()[i]);
    CHECK(first.frames().back() != second.frames().back());
}

TEST_CASE("a version 1 client gets the first names that fit one Users frame") {
    server::UserDirectory directory;
    std::vector<std::string> names;
    for (int i = 0; i < 3000; ++i) names.push_back(std::string(40, 'n') + std::to_string(1000 + i));
    for (const auto& n : names) directory.add(n);
    const server::Frame frame = directory.firstFrame();
    CHECK(frame->size() <= 4 + net::kMaxFrameBytes);
    net::FrameDecoder decoder;
    decoder.feed(*frame);
    net::Message m;
    REQUIRE(decoder.next(m) == net::DecodeStatus::Complete);
    const auto& users = std::get<net::Users>(m);
    REQUIRE(users.names.size() > 1000);
    CHECK(users.names.size() < names.size());
    CHECK(users.names.front() == names.front());
    CHECK(users.names[999] == names[999]);
}
