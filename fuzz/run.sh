#!/usr/bin/env bash
# Builds every libFuzzer target with ASan+UBSan and runs each for a bounded time on a COPY of its seed
# corpus (the repo corpus never grows). Exits non-zero when any target finds a crash.
# Usage: fuzz/run.sh [seconds per target, default 60] [target...]   (default: all targets)
# Env: IMCHAT_FUZZ_DIR (build dir, default build-fuzz), CXX_FUZZ (default clang++).
# Adding a target <name>: write fuzz/<name>_fuzz.cpp, put seeds in fuzz/corpus/<name>/, list its sources below.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds="${1:-60}"
shift || true
build="${IMCHAT_FUZZ_DIR:-$root/build-fuzz}"
cxx="${CXX_FUZZ:-clang++}"

# Sources each target links besides its own <name>_fuzz.cpp (no sockets, no threads; the room target runs a
# real Room on an in-memory SQLite database).
declare -A sources=(
    [frame_decoder]="net/codec.cpp net/utf8.cpp net/validation.cpp net/name_rules.cpp"
    [lab_parser]="server/lab_format.cpp net/codec.cpp net/utf8.cpp net/validation.cpp net/name_rules.cpp"
    [message_text]="app/text/link_finder.cpp app/text/reply_quote.cpp app/text/natural_order.cpp
                    app/text/mention.cpp app/text/text_fold.cpp app/text/text_layout.cpp net/utf8.cpp"
    [room]="fuzz/room_witness.cpp fuzz/fake_participant.cpp server/room.cpp server/room_messages.cpp
            server/room_cluster.cpp server/cluster/room_stream.cpp server/cluster/stream_health.cpp server/cluster/name_claims.cpp
            server/cluster/job_thread.cpp server/cluster/kv_bucket.cpp server/cluster/bucket_watch.cpp
            server/account_store.cpp server/log_text.cpp server/mailboxes.cpp server/presence_batch.cpp
            server/user_directory.cpp server/storage.cpp server/private_files_posix.cpp server/sqlite.cpp
            server/status.cpp net/codec.cpp net/utf8.cpp net/validation.cpp net/name_rules.cpp"
)
# Extra compiler and linker flags per target (the name rules need ICU, the room's tokens libsodium, its
# cluster mode nats.c).
icu=$(pkg-config --libs icu-uc icu-i18n)
declare -A flags=(
    [frame_decoder]="$icu"
    [lab_parser]="$icu"
    [room]="-DASIO_STANDALONE -DASIO_NO_DEPRECATED -DASIO_DISABLE_STD_ALIGNED_ALLOC -pthread -lsqlite3 -lsodium -lnats $icu"
)

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(printf '%s\n' "${!sources[@]}" | sort)
fi

mkdir -p "$build"
failed=0
for t in "${targets[@]}"; do
    if [ -z "${sources[$t]+x}" ]; then
        echo "fuzz/run.sh: unknown target '$t' (known: ${!sources[*]})" >&2
        exit 2
    fi
    exe="$build/${t}_fuzz"
    srcs=()
    for s in ${sources[$t]}; do srcs+=("$root/$s"); done
    echo "== building $t"
    "$cxx" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -I"$root" "$root/fuzz/${t}_fuzz.cpp" "${srcs[@]}" ${flags[$t]:-} -o "$exe"

    work=$(mktemp -d "$build/$t.XXXXXX")
    mkdir -p "$work/corpus" "$build/artifacts/$t"
    cp "$root/fuzz/corpus/$t/"* "$work/corpus/"
    echo "== running $t for ${seconds}s on a copy of $(ls "$work/corpus" | wc -l) seeds"
    if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" "$work/corpus" 2>"$work/log"; then
        failed=1
        tail -n 60 "$work/log" >&2
        echo "== $t FAILED: crashing input saved under $build/artifacts/$t/" >&2
    else
        grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$work/log" || true
    fi
    rm -rf "$work"
done
exit "$failed"
