# The commands: `make run` (demo), `make test` (every test), `make bench` (every
# benchmark), `make fuzz` (every fuzz harness) and `make package` (the .deb).
BUILD_DIR ?= build
# `make test` also runs the tests under AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer in a build of their own (see README.md).
SANITIZE_BUILD_DIR ?= build-asan
# Every test runs there but those labelled browser (Chromium driving the web UI)
# and fault (worker processes killed at random, for minutes): README.md says why.
SANITIZE_CTEST_FLAGS ?= -LE 'browser|fault'
# The Debian package (make package): a build without tests, stripped by cpack.
PACKAGE_BUILD_DIR ?= build-package
# libFuzzer harnesses (fuzz/), built with clang; each runs FUZZ_SECONDS.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
# Benchmark programs in $(BUILD_DIR)/bench; each run appends a section to the results.
BENCHMARKS := imap_bench maildir_bench latency_bench entries_bench
# The runs: a program, or PROGRAM:ARGUMENT (maildir_bench's scaling runs take 10
# minutes on the 2-CPU development machine and need 6 GB of TMPDIR: the
# million-message queue is 6 GB).
BENCH_RUNS := imap_bench maildir_bench maildir_bench:--scaling=10000,100000,1000000 latency_bench entries_bench
# A larger mail corpus the corpus tests also run over (a folder of messages and
# mbox files, e.g. the collections testdata/mime/corpus was sampled from); none
# by default: they run over testdata/mime/corpus alone.
MAILTRAIL_CORPORA ?=

.PHONY: all deps configure build build-sanitize run test bench fuzz package clean

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

# Optimised for debugging (-Og), with line tables only (-g1) for the sanitizers'
# stack traces: it compiles faster than -O0 or -O1 under the sanitizers.
build-sanitize: deps
	@cmake -S . -B $(SANITIZE_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-Og -g1" \
	  -DMAILTRAIL_BUILD_TESTS=ON -DMAILTRAIL_WERROR=ON -DMAILTRAIL_SANITIZE=ON $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(SANITIZE_BUILD_DIR) -j $(JOBS)

test: build build-sanitize
	@MAILTRAIL_CORPORA=$(MAILTRAIL_CORPORA) ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	@MAILTRAIL_CORPORA=$(MAILTRAIL_CORPORA) ctest --test-dir $(SANITIZE_BUILD_DIR) --output-on-failure -j $(JOBS) \
	  $(SANITIZE_CTEST_FLAGS)

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

# Builds the harnesses of fuzz/ with clang and runs each for FUZZ_SECONDS
# (scripts/fuzz.sh says where corpora and crash inputs go).
fuzz:
	@scripts/install-deps.sh --fuzz
	@cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DMAILTRAIL_FUZZ=ON -DMAILTRAIL_BUILD_TESTS=OFF -DMAILTRAIL_WERROR=ON > /dev/null
	@cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target fuzzers
	@scripts/fuzz.sh $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS)

# $(PACKAGE_BUILD_DIR)/mailtrail_VERSION_ARCH.deb (README.md, Installing).
package: deps
	@cmake -S . -B $(PACKAGE_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMAILTRAIL_BUILD_TESTS=OFF -DMAILTRAIL_WERROR=ON $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(PACKAGE_BUILD_DIR) -j $(JOBS)
	@cd $(PACKAGE_BUILD_DIR) && cpack
	@ls $(PACKAGE_BUILD_DIR)/mailtrail_*.deb

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_BUILD_DIR) $(FUZZ_BUILD_DIR) $(PACKAGE_BUILD_DIR)
