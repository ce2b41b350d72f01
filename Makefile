# clm - one non-recursive GNU Makefile.  Objects go out of tree, under
# $(BUILD) (build/, or build-san/ with SAN=1).
#   make            build every tool          make check    the whole suite
#   make demo       the README demo           make bench    throughput ratios
#   make fuzz       libFuzzer harnesses       make install  PREFIX/DESTDIR
#   make fuzz-long  every harness to FUZZEXECS executions (execs/s each)
#   make check VALGRIND=1   the suite with every tool under memcheck
.DEFAULT_GOAL := all

SAN ?= 0
WERROR ?= 0
VALGRIND ?= 0
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
FUZZCC ?= clang

ifeq ($(SAN),1)
BUILD ?= build-san
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
else
BUILD ?= build
OPT := -O2 -g
endif

PKGS := libxml-2.0 libpcre2-8 zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(WERROR),1)
WARN += -Werror
endif
ALL_CPPFLAGS = -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-DCLM_DATADIR='"$(PREFIX)/share/clm"' -Ilib $(LIB_INC) -Icmd/common \
	$(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(OPT) $(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)
LIBS := -lcsv $(PKG_LIBS) -lm

# libclm, one folder per layer (docs/hacking.md): every header is found by
# its bare name, so a module can move between layers without edits.
LIB_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard lib/*/*.[ch]))))
LIB_INC := $(addprefix -I,$(LIB_DIRS))
LIB_SRC := $(wildcard lib/*/*.c)
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC))
COMMON_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard cmd/common/*.c))
LIBCLM := $(BUILD)/libclm.a
TOOL_DIRS := $(filter-out cmd/common,$(wildcard cmd/*))
tool_name = $(if $(filter clm,$(1)),clm,clm-$(1))
TOOLS := $(foreach d,$(TOOL_DIRS),$(call tool_name,$(notdir $(d))))
TOOL_BINS := $(addprefix $(BUILD)/bin/,$(TOOLS))
UNIT_SRC := $(wildcard tests/unit/check_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
UNIT_HELPERS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/unit/helper_*.c))
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz-replay/%,$(FUZZ_SRC))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(FUZZ_SRC))
# With SAN=1 the CSV reader's tests and the X12 reader's (several readers in
# threads) also run under ThreadSanitizer (below).
ifeq ($(SAN),1)
TSAN_BINS := $(BUILD)/tests/check_csv_tsan $(BUILD)/tests/check_x12spec_tsan
endif

.PHONY: all deps check demo bench fuzz fuzz-long install clean lint tools \
	tests
all: tools
tools: $(TOOL_BINS)

# The code-set index built from the project's starter set (codesets/),
# found by every tool as <exe dir>/../share/clm/codesets.clmidx.
CODESET_IDX := $(BUILD)/share/clm/codesets.clmidx
tools: $(CODESET_IDX)
$(CODESET_IDX): $(BUILD)/bin/clm-codeset $(wildcard codesets/*)
	@mkdir -p $(@D)
	$(BUILD)/bin/clm-codeset build -o $@ -m codesets/MANIFEST
tests: $(UNIT_BINS) $(FUZZ_REPLAY) $(TSAN_BINS)

deps:
	@scripts/install-deps

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBCLM): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

define TOOL_RULE
$(BUILD)/bin/$(call tool_name,$(notdir $(1))): \
    $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(1)/*.c)) $(COMMON_OBJ) $(LIBCLM)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(filter %.a,$$^) $$(LIBS)
endef
$(foreach d,$(TOOL_DIRS),$(eval $(call TOOL_RULE,$(d))))
# clm-run runs the five pipeline tools in one process: their bodies, all
# but each one's entry.c (main).
RUN_TOOLS := parse normalize code-check scrub emit-837
RUN_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out %/entry.c,\
	$(wildcard $(addsuffix /*.c,$(addprefix cmd/,$(RUN_TOOLS))))))
$(BUILD)/bin/clm-run: $(RUN_OBJ)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(UNIT_HELPERS) $(COMMON_OBJ) \
    $(LIBCLM)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The CSV reader's read-ahead thread, once more under ThreadSanitizer (it
# cannot share a binary with AddressSanitizer): part of `make check SAN=1`.
TSAN_SRC := tests/unit/check_csv.c tests/unit/helper_test.c \
	$(addprefix lib/core/,clm_csv.c clm_io.c clm_record.c clm_error.c)
$(BUILD)/tests/check_csv_tsan: $(TSAN_SRC)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CHECK_CFLAGS) -std=c11 $(WARN) -O1 -g \
	    -fsanitize=thread -o $@ $(TSAN_SRC) $(CHECK_LIBS) $(LIBS)

$(BUILD)/tests/check_x12spec_tsan: tests/unit/check_x12spec.c \
    tests/unit/helper_test.c $(wildcard lib/*/*.c)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CHECK_CFLAGS) -std=c11 $(WARN) -O1 -g \
	    -fsanitize=thread -o $@ $^ $(CHECK_LIBS) $(LIBS)

# Replay drivers: each harness with a plain main() over corpus files.
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(LIBCLM)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -MM -MP -MT $@ -MF $@.d $<
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay_main.c \
	    $(LIBCLM) $(LIBS)

check: deps
	$(MAKE) --no-print-directory tools tests
	@CLM_LINT='$(MAKE) --no-print-directory -s lint SAN=$(SAN)' \
	    CLM_VALGRIND=$(VALGRIND) tests/run-all.sh $(BUILD)

demo: deps
	$(MAKE) --no-print-directory tools
	@scripts/demo $(BUILD)

bench: deps
	$(MAKE) --no-print-directory tools $(BUILD)/bench/csvraw
	@scripts/bench $(BUILD)

$(BUILD)/bench/csvraw: tests/bench/csvraw.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -o $@ $< -lcsv -lz

# libFuzzer builds (clang); `make fuzz FUZZTIME=60` runs each for a while.
FUZZTIME ?= 20
# libclm is compiled once for all harnesses (instrumented, not linked
# with libFuzzer's main), each harness then links against it.
FUZZ_FLAGS := -std=c11 -g -O1
FUZZ_LIB_OBJ := $(patsubst %.c,build-fuzz/obj/%.o,$(LIB_SRC))
build-fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZCC) $(ALL_CPPFLAGS) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<
build-fuzz/libclm-fuzz.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/libclm-fuzz.a
	@mkdir -p $(@D)
	$(FUZZCC) $(ALL_CPPFLAGS) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $@ $< \
	    build-fuzz/libclm-fuzz.a $(LIBS)
fuzz: deps $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$${f#build-fuzz/fuzz_}; \
	    mkdir -p build-fuzz/corpus/$$n; \
	    echo "fuzz $$n for $(FUZZTIME)s"; \
	    $$f -max_total_time=$(FUZZTIME) build-fuzz/corpus/$$n \
	        tests/fuzz/corpus/$$n || exit 1; done

# `make fuzz-long FUZZEXECS=1000000 [FUZZERS="records x12glue"]`: each
# harness (all by default) to that many executions (-runs), one line each
# with the executions per second and whether it crashed; FUZZMAXTIME=S
# also stops each after S seconds.
FUZZEXECS ?= 1000000
FUZZMAXTIME ?= 0
FUZZERS ?= $(patsubst build-fuzz/fuzz_%,%,$(FUZZ_BINS))
fuzz-long: deps $(addprefix build-fuzz/fuzz_,$(FUZZERS))
	@FUZZMAXTIME=$(FUZZMAXTIME) tests/fuzz/run-long.sh $(FUZZEXECS) \
	    $(FUZZERS)

install: tools
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/clm
	install -m 755 $(TOOL_BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	@if [ -d $(BUILD)/share/clm ]; then cp -R $(BUILD)/share/clm/. \
	    $(DESTDIR)$(PREFIX)/share/clm/; fi
	@if [ -d rules ]; then install -d $(DESTDIR)$(PREFIX)/share/clm/rules \
	    && install -m 644 rules/* $(DESTDIR)$(PREFIX)/share/clm/rules/; fi

# Static analysis, banned functions, the clm_ prefix of every exported
# libclm symbol (tests/lint/prefix.sh); make check runs it as one test.
lint: $(LIBCLM)
	@cppcheck --quiet --enable=warning,portability --error-exitcode=1 \
	    -Ilib $(LIB_INC) -Icmd/common lib cmd
	@! grep -nE '\b(sprintf|strcpy|strcat|gets|strtok|atoi)\(' \
	    $(LIB_SRC) cmd/*/*.c
	@CLM_BUILD=$(BUILD) sh tests/lint/prefix.sh

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) build-fuzz/obj -name '*.d' 2>/dev/null)
