# wirebench - GNU make. `make run` and `make test` do all set-up.
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
OPT     ?= -O2 -g
SAN     ?=

PKG_CORE := openssl jansson libidn
PKG_UI   := ncursesw readline
PKG_TEST := cmocka

pc = $(shell pkg-config --$(1) $(2) 2>/dev/null)

# Each part sees only its own dependencies' flags: the core (src/) has no
# curses or readline flags at all; ui/ and app/ add them.
CPPFLAGS += -D_GNU_SOURCE -Isrc
WERROR   ?=
WARN     := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wformat=2 -Wcast-qual \
            -Wno-unused-parameter
CFLAGS   += -std=c17 $(OPT) $(SAN) $(WARN) $(WERROR)
CORE_CFLAGS = $(call pc,cflags,$(PKG_CORE))
UI_CFLAGS   = $(CORE_CFLAGS) $(call pc,cflags,$(PKG_UI))
LDFLAGS  += $(SAN)
LIBS_CORE = $(call pc,libs,$(PKG_CORE)) -lm
LIBS_UI   = $(call pc,libs,$(PKG_UI))
LIBS_TEST = $(call pc,libs,$(PKG_TEST))

CORE_SRC := $(wildcard src/*/*.c)
UI_SRC   := $(wildcard ui/*.c ui/*/*.c)
APP_SRC  := $(wildcard app/*.c)
UNIT_SRC := $(wildcard tests/unit/*/test_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/%.o)
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(foreach s,$(UNIT_SRC),$(BUILD)/tests/$(notdir $(basename $(s))))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)

# The libFuzzer targets: clang, ASan+UBSan, their own build directory.
FUZZ_MAKE = $(MAKE) --no-print-directory -j2 BUILD=build-fuzz CC=clang OPT="-O1 -g" \
  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

.PHONY: all deps run test test-one unit install clean bench check-layers coverage bench-keystroke \
  fuzz fuzz-bins fuzz-smoke test-valgrind
all: $(BUILD)/wirebench

deps:
	@./scripts/deps.sh

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(CORE_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/ui/%.o: ui/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Iui $(CFLAGS) $(UI_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/app/%.o: app/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Iui $(CFLAGS) $(UI_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libwb.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/wirebench: $(APP_OBJ) $(UI_OBJ) $(BUILD)/libwb.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_UI) $(LIBS_CORE)

# tests/unit/PART/test_X.c -> $(BUILD)/tests/test_X; the models of ui/ are
# tested without curses flags, which keeps them curses-free.
define unit_rule
$(BUILD)/tests/$(notdir $(basename $(1))): $(1) $(BUILD)/libwb.a
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CPPFLAGS) -Iui -Itests/unit $$(CFLAGS) $$(CORE_CFLAGS) -MMD -MP -MF $$@.d -o $$@ $$< $$(BUILD)/libwb.a $$(UNIT_LDFLAGS) $$(LIBS_TEST) $$(LIBS_CORE)
endef
$(foreach s,$(UNIT_SRC),$(eval $(call unit_rule,$(s))))

# test_oom, test_oom_net and test_oom_serve fail the n-th allocation of the
# core: only their links wrap the allocator (the libraries below keep the
# real one).
OOM_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
$(BUILD)/tests/test_oom: UNIT_LDFLAGS = $(OOM_WRAP)
$(BUILD)/tests/test_oom_net: UNIT_LDFLAGS = $(OOM_WRAP)
$(BUILD)/tests/test_oom_serve: UNIT_LDFLAGS = $(OOM_WRAP)

unit: $(UNIT_BIN) $(BUILD)/bench/keystroke

# What one key press costs the preview (core + model), http and https.
$(BUILD)/bench/keystroke: bench/keystroke.c $(BUILD)/ui/model/preview.o \
		$(BUILD)/ui/model/glyph.o $(BUILD)/libwb.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Iui $(CFLAGS) $(CORE_CFLAGS) -o $@ $^ $(LIBS_CORE)

bench-keystroke: $(BUILD)/bench/keystroke
	$(BUILD)/bench/keystroke

$(BUILD)/fuzz/%: fuzz/%.c $(BUILD)/libwb.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Ifuzz $(CFLAGS) $(CORE_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ $< $(BUILD)/libwb.a $(LIBS_CORE)

fuzz-bins: $(FUZZ_BIN)

# Builds every fuzz target (build-fuzz/fuzz/fuzz_NAME); fuzz/run.sh runs them.
fuzz: deps
	$(FUZZ_MAKE) fuzz-bins

# Each target briefly on its seeds and saved corpus (part of make test).
fuzz-smoke: deps
	$(FUZZ_MAKE) fuzz-bins
	./fuzz/smoke.sh build-fuzz

run: deps all
	./scripts/run-demo.sh $(BUILD)/wirebench

# Which part may include which: the table is in scripts/check-layers.py.
check-layers:
	@python3 scripts/check-layers.py
	@python3 scripts/check-layers.py --self-test

# The whole suite, once with optimisation and once under ASan+UBSan; the two
# suites run in parallel.
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
test: deps check-layers
	$(MAKE) --no-print-directory -j2 BUILD=build WERROR=-Werror all unit
	$(MAKE) --no-print-directory -j2 BUILD=build-san WERROR=-Werror OPT="-O1 -g" \
	  SAN="$(SAN_FLAGS)" all unit
	./tests/run.sh build build-san
	$(MAKE) --no-print-directory fuzz-smoke
	BUILD=build python3 tests/valgrind/run_valgrind.py

# Unit tests and batch runs against the demo server under valgrind
# (memcheck, --leak-check=full) on the plain build; any report fails.
test-valgrind: deps
	$(MAKE) --no-print-directory BUILD=build all unit
	BUILD=build python3 tests/valgrind/run_valgrind.py

# The suite on an instrumented build (build-cov), then line and branch
# coverage per file. WB_COVERAGE makes the demo server's children write their
# counts before they end.
coverage:
	@./scripts/deps.sh coverage
	$(MAKE) --no-print-directory -j2 BUILD=build-cov OPT="-O0 -g -DWB_COVERAGE" \
	  SAN=--coverage all unit
	find build-cov -name '*.gcda' -delete
	./tests/run.sh build-cov; status=$$?; \
	gcovr -r . --object-directory build-cov -f src/ -f ui/ -f app/ \
	  --exclude-unreachable-branches --json-summary -o build-cov/coverage.json && \
	python3 scripts/coverage.py build-cov/coverage.json; exit $$status

# One build only, for quick local runs: make test-one BUILD=build
test-one: all unit
	./tests/run.sh $(BUILD)

bench: deps all
	./bench/run.sh $(BUILD)/wirebench

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/wirebench $(DESTDIR)$(PREFIX)/bin/wirebench
	if [ -f man/wirebench.1 ]; then install -m 644 man/wirebench.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi
	install -d $(DESTDIR)$(PREFIX)/share/wirebench/sessions
	install -m 644 sessions/*.wb sessions/*.md $(DESTDIR)$(PREFIX)/share/wirebench/sessions/
	if [ -d sessions/data ]; then \
	  install -d $(DESTDIR)$(PREFIX)/share/wirebench/sessions/data && \
	  install -m 644 sessions/data/* $(DESTDIR)$(PREFIX)/share/wirebench/sessions/data/; fi

clean:
	rm -rf build build-san build-cov build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
