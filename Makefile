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

CPPFLAGS += -D_GNU_SOURCE -Isrc
CFLAGS   += -std=c17 $(OPT) $(SAN) -Wall -Wextra -Werror -Wshadow \
            -Wno-unused-parameter $(call pc,cflags,$(PKG_CORE) $(PKG_UI))
LDFLAGS  += $(SAN)
LIBS_CORE = $(call pc,libs,$(PKG_CORE)) -lm
LIBS_UI   = $(call pc,libs,$(PKG_UI))
LIBS_TEST = $(call pc,libs,$(PKG_TEST))

CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
UI_SRC   := $(wildcard ui/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test test-one unit install clean bench
all: $(BUILD)/wirebench

deps:
	@./scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libwb.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/wirebench: $(BUILD)/src/main.o $(UI_OBJ) $(BUILD)/libwb.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_UI) $(LIBS_CORE)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libwb.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(BUILD)/libwb.a $(LIBS_TEST) $(LIBS_CORE)

unit: $(UNIT_BIN)

run: deps all
	./scripts/run-demo.sh $(BUILD)/wirebench

# The whole suite, once with optimisation and once under ASan+UBSan.
test: deps
	$(MAKE) --no-print-directory BUILD=build all unit
	$(MAKE) --no-print-directory BUILD=build-san OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all unit
	./tests/run.sh build build-san

# One build only, for quick local runs: make test-one BUILD=build
test-one: all unit
	./tests/run.sh $(BUILD)

bench: deps all
	./bench/run.sh $(BUILD)/wirebench

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/wirebench $(DESTDIR)$(PREFIX)/bin/wirebench
	if [ -f man/wirebench.1 ]; then install -m 644 man/wirebench.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
