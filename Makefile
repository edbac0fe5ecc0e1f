# The commands: `make run` (demo), `make test` (every test) and `make bench` (every benchmark).
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
# Benchmark programs in $(BUILD_DIR)/bench; each appends a section to the results.
BENCHMARKS := imap_bench maildir_bench latency_bench entries_bench

.PHONY: all deps configure build run test bench clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMAILTRAIL_BUILD_TESTS=ON -DMAILTRAIL_WERROR=ON $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/demo.sh $(BUILD_DIR)/mailtrail

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Every benchmark, one after the other; the Markdown results go to
# $(BUILD_DIR)/bench/results.md. Fails when a benchmark gives an invalid result.
bench: CMAKE_FLAGS += -DMAILTRAIL_BUILD_BENCH=ON
bench: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target mailtrail $(BENCHMARKS)
	@rm -f $(BUILD_DIR)/bench/results.md
	@status=0; for benchmark in $(BENCHMARKS); do \
	  $(BUILD_DIR)/bench/$$benchmark --mailtrail $(BUILD_DIR)/mailtrail \
	    --output $(BUILD_DIR)/bench/results.md || status=1; \
	done; echo "Results: $(BUILD_DIR)/bench/results.md"; exit $$status

clean:
	rm -rf $(BUILD_DIR)
