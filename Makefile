# Flashlake: the two set-up commands are `make demo` and `make test` (see README.md).
.PHONY: all deps release debug tsan test fuzz demo clean format

JOBS ?= $(shell nproc)
CMAKE_FLAGS := -G Ninja -DFL_WERROR=$(if $(CI),ON,OFF)
export CCACHE_DIR ?= $(HOME)/.cache/ccache
# Paths under the checkout hash as relative ones, so that a fresh clone elsewhere (CI) reuses the cache.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= true
export CCACHE_MAXSIZE ?= 5G

all: release

deps:
	@bash scripts/install-deps.sh

build/release/build.ninja: CMakeLists.txt
	cmake -S . -B build/release $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release

# The sanitizer build is optimised a little (-O1) and carries line tables only (-g1): tests run
# several times faster and it compiles faster, while reports still name files and lines.
build/debug/build.ninja: CMakeLists.txt
	cmake -S . -B build/debug $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DFL_SANITIZE="address;undefined" \
		-DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DFL_BUILD_BENCH_GEN=OFF

build/tsan/build.ninja: CMakeLists.txt
	cmake -S . -B build/tsan $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFL_SANITIZE=thread

release: deps build/release/build.ninja
	ninja -C build/release -j $(JOBS)

debug: deps build/debug/build.ninja
	ninja -C build/debug -j $(JOBS)

tsan: deps build/tsan/build.ninja
	ninja -C build/tsan -j $(JOBS)

# Every suite (unit, SQL logic, integration) on the ASan+UBSan build, so that each test also
# checks memory safety; ctest's summary ends the output. `make release` builds the optimised binary.
test: debug
	cd build/debug && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS)

# The libFuzzer targets alone (clang build in build/fuzz), FUZZ_SECONDS each; `make test` runs them
# too, as the ctest test fuzz_targets.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash test/fuzz/run_fuzzers.sh $(CURDIR) $(CURDIR)/build/fuzz $(FUZZ_SECONDS)

demo: release
	@bash scripts/demo.sh

format:
	find src test bench -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
