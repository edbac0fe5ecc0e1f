# The commands: `make run` (demo), `make test` (every test) and `make bench` (every benchmark).
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
# Benchmark programs in $(BUILD_DIR)/bench; each run appends a section to the results.
BENCHMARKS := imap_bench maildir_bench latency_bench entries_bench
# The runs: a program, or PROGRAM:ARGUMENT (maildir_bench's scaling runs took 10.5
# minutes here, with other work on the machine, and need 6 GB of TMPDIR: the
# million-message queue is 5.8 GB).
BENCH_RUNS := imap_bench maildir_bench maildir_bench:--scaling=10000,100000,1000000 latency_bench entries_bench
# A larger mail corpus the corpus tests also run over: by default the corpora
# folder that CI keeps beside the checkout, when it is there.
MAILTRAIL_CORPORA ?= $(wildcard $(abspath $(CURDIR)/../shared/corpora))

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
	@MAILTRAIL_CORPORA=$(MAILTRAIL_CORPORA) ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Every benchmark, one after the other; the Markdown results go to
# $(BUILD_DIR)/bench/results.md. Fails when a benchmark gives an invalid result.
bench: CMAKE_FLAGS += -DMAILTRAIL_BUILD_BENCH=ON
bench: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target mailtrail $(BENCHMARKS)
	@rm -f $(BUILD_DIR)/bench/results.md
	@status=0; for run in $(BENCH_RUNS); do \
	  program=$${run%%:*}; argument=$${run#$$program}; \
	  $(BUILD_DIR)/bench/$$program --mailtrail $(BUILD_DIR)/mailtrail \
	    --output $(BUILD_DIR)/bench/results.md $${argument#:} || status=1; \
	done; echo "Results: $(BUILD_DIR)/bench/results.md"; exit $$status

clean:
	rm -rf $(BUILD_DIR)
