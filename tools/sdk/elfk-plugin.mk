# SPDX-License-Identifier: GPL-2.0
#
# elfk-plugin.mk: build elfk plugins with GNU make.
#
#   ELFK_OUT := build            # where NAME.so goes (default: .)
#   include path/to/tools/sdk/elfk-plugin.mk
#   $(call elfk_plugin,hello,hello.c util.c)
#   LDFLAGS_hello := -Wl,-init=hello_init     # optional, per plugin
#   CFLAGS_hello  := -DFOO                    # optional, per plugin
#   ELFK_CHECK_hello := --expect-undefined foo # optional, per plugin
#   $(call elfk_plugin_rel,hello_rel,hello.c)  # ET_REL: build/hello_rel.o
#
# A plain "make" builds every plugin declared: unless the Makefile already
# has a default goal when it includes this file, the default goal is
# "all", and each elfk_plugin/elfk_plugin_rel adds its output to "all".
#
# $(call elfk_plugin,NAME,SOURCES) defines $(ELFK_OUT)/NAME.so from the C
# and assembler SOURCES plus the SDK's thunks, with DT_SONAME NAME (elfk's
# default object name), runs elfk-plugin-check.sh on it, and adds it to
# ELFK_PLUGINS.  Objects go to $(ELFK_OUT)/.obj/NAME/.  Variables set
# after the call are fine: recipes expand them when they run.
#
# Every flag below is explained in Documentation/plugin-sdk.rst.

ELFK_SDK := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

# The rules below would otherwise make the SDK's thunk object the default.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif
.PHONY: all

ELFK_OUT ?= .
ELFK_CC ?= $(CC)
ELFK_CHECK ?= $(ELFK_SDK)/elfk-plugin-check.sh
ELFK_LD ?= $(shell $(ELFK_CC) -print-prog-name=ld)
ELFK_SYMBOLS ?= $(ELFK_SDK)/exported-symbols.txt

# The post-link check runs "elfk-ctl check", the kernel's validator.  In
# the source tree the tree's elfk-ctl is (re)built first; installed, the
# check finds the installed one (/usr/sbin/elfk-ctl) itself.
ifneq ($(wildcard $(ELFK_SDK)/../elfk-ctl/Makefile),)
ELFK_CTL ?= $(abspath $(ELFK_SDK)/../elfk-ctl/elfk-ctl)
_elfk_ctl_build := _elfk_ctl_build
.PHONY: _elfk_ctl_build
_elfk_ctl_build:
	@$(MAKE) --no-print-directory -s -C $(ELFK_SDK)/../elfk-ctl elfk-ctl
endif
_elfk_check_env = $(if $(ELFK_CTL),ELFK_CTL=$(ELFK_CTL) )

# Code generation: what kernel code needs.
ELFK_CFLAGS_ARCH := \
	-fPIC -mno-red-zone \
	-mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -mno-80387 \
	-mno-fp-ret-in-387 -msoft-float -mpreferred-stack-boundary=3 \
	-mskip-rax-setup

# Thread-local storage: only the models that ask __tls_get_addr() for every
# access (Documentation/tls.rst).  A later -ftls-model= in CFLAGS_NAME wins.
ELFK_CFLAGS_ARCH += -ftls-model=global-dynamic -mtls-dialect=gnu

# Spectre v2 / straight-line speculation / IBT, as the kernel builds itself.
ELFK_CFLAGS_HARDEN := \
	-mindirect-branch=thunk-extern -mindirect-branch-register \
	-mfunction-return=thunk-extern -mharden-sls=all \
	-fcf-protection=branch -fno-jump-tables -fno-plt

# Language and environment.  gcc's own freestanding headers only
# (<stddef.h>, <stdint.h>, <stdarg.h>, <stdbool.h>, <limits.h>, ...);
# -D_LIBC_LIMITS_H_ tells gcc's <limits.h> that there is no libc one to
# #include_next (it defines everything freestanding code needs itself).
ELFK_CFLAGS_ENV := \
	-ffreestanding -nostdinc -isystem $(shell $(ELFK_CC) -print-file-name=include) \
	-D_LIBC_LIMITS_H_ \
	-I$(ELFK_SDK)/include \
	-fno-stack-protector -fno-common -fvisibility=hidden \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-strict-aliasing -fno-delete-null-pointer-checks -fwrapv \
	-fno-omit-frame-pointer

ELFK_CFLAGS_WARN := -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration

# The kernel stack: 16 KiB on x86_64, shared with the syscall, ioctl and
# elfk frames below the plugin and any interrupt on top.  A frame over
# ELFK_FRAME_LIMIT bytes (the kernel's own CONFIG_FRAME_WARN default on
# 64-bit) fails the build; -fstack-usage writes NAME.su beside each object
# for the post-link check's report of the largest frames.
ELFK_FRAME_LIMIT ?= 2048
ELFK_CFLAGS_STACK := -Werror=frame-larger-than=$(ELFK_FRAME_LIMIT) -fstack-usage

ELFK_OPT ?= -O2 -g
ELFK_CFLAGS := $(ELFK_OPT) $(ELFK_CFLAGS_ARCH) $(ELFK_CFLAGS_HARDEN) \
	$(ELFK_CFLAGS_ENV) $(ELFK_CFLAGS_WARN) $(ELFK_CFLAGS_STACK)

ELFK_LDFLAGS := -shared -nostdlib -Wl,--build-id \
	-Wl,-z,now -Wl,-z,relro -Wl,-z,text -Wl,-z,noexecstack \
	-Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 \
	-Wl,-z,separate-code -Wl,--hash-style=both -Wl,--no-eh-frame-hdr

ELFK_THUNKS_O := $(ELFK_OUT)/.obj/elfk-thunks.o
ELFK_PLUGINS :=

# V=1 shows the commands.
ifeq ($(V),1)
ELFK_Q :=
ELFK_SAY := @:
else
ELFK_Q := @
ELFK_SAY := @printf '  %-7s %s\n'
endif

# $(call elfk_plugin_module,MODULE,PLUGIN) and "make plugin-module PLUGIN=":
# a kernel module carrying a plugin (elfk-plugin-module.mk).
include $(ELFK_SDK)/elfk-plugin-module.mk

$(ELFK_THUNKS_O): $(ELFK_SDK)/thunks.S $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	$(ELFK_SAY) AS $@
	$(ELFK_Q)$(ELFK_CC) $(ELFK_CFLAGS) -c -o $@ $<

# _elfk_obj,NAME,SOURCE: the object file for one source of plugin NAME.
_elfk_obj = $(ELFK_OUT)/.obj/$(1)/$(basename $(notdir $(2))).o
# _elfk_su,NAME,SOURCES: the --stack-usage options for the C sources' .su.
_elfk_su = $(foreach s,$(filter %.c,$(2)),--stack-usage $(patsubst %.o,%.su,$(call _elfk_obj,$(1),$(s))))

define _elfk_compile
$(call _elfk_obj,$(1),$(2)): $(2) $(ELFK_SDK)/include/elfk/plugin.h $(MAKEFILE_LIST)
	@mkdir -p $$(@D)
	$$(ELFK_SAY) CC $$@
	$$(ELFK_Q)$$(ELFK_CC) $$(ELFK_CFLAGS) $$(CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<
-include $(patsubst %.o,%.d,$(call _elfk_obj,$(1),$(2)))
endef

define _elfk_plugin
ELFK_PLUGINS += $(ELFK_OUT)/$(1).so
all: $(ELFK_OUT)/$(1).so
$(foreach s,$(2),$(eval $(call _elfk_compile,$(1),$(s))))
$(ELFK_OUT)/$(1).so: $(foreach s,$(2),$(call _elfk_obj,$(1),$(s))) $(ELFK_THUNKS_O) $(ELFK_CHECK) $(ELFK_SYMBOLS) | $(_elfk_ctl_build)
	$$(ELFK_SAY) LD $$@
	$$(ELFK_Q)$$(ELFK_CC) $$(ELFK_CFLAGS) -o $$@.tmp $(foreach s,$(2),$(call _elfk_obj,$(1),$(s))) $(ELFK_THUNKS_O) \
		$$(ELFK_LDFLAGS) -Wl,-soname,$(1) $$(LDFLAGS_$(1))
	$$(ELFK_SAY) CHECK $$@
	$$(ELFK_Q)$$(_elfk_check_env)$$(ELFK_CHECK) -q --symbols $$(ELFK_SYMBOLS) $(call _elfk_su,$(1),$(2)) $$(ELFK_CHECK_$(1)) $$@.tmp
	@mv -f $$@.tmp $$@
endef


# Verified mode (VERIFIED=1, Documentation/verified-plugins.rst): the same
# $(call elfk_plugin,NAME,SOURCES) builds NAME.so for the sandbox.  C goes
# through gcc -S with the flags of Documentation/verified-mode.rst's
# Toolchain section, the SDK's untrusted rewriting pass
# (verified/elfk-sfi-rewrite) and GNU as's bundle mode; the link places
# code at window offset 0x1000, read-only data at 2^c and writable data at
# 2^(k-1) (verified/elfk-verified.ld) and adds the window note and the
# confined mem* routines; the post-link check is the kernel's verifier,
# built for the host (elfk-verify).  Assembler sources are taken as they
# are: they must follow the rules themselves.
ELFK_WINDOW_BITS ?= 24
ELFK_CODE_BITS ?= 20
ELFK_SFI_REWRITE ?= $(ELFK_SDK)/verified/elfk-sfi-rewrite
ELFK_VCFLAGS_SFI := -fpie -ffixed-r12 -ffixed-r13 -ffixed-r14 -ffixed-r15 \
	-mgeneral-regs-only -fno-jump-tables -mno-red-zone \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fcf-protection=none -fno-stack-protector -ffreestanding \
	-falign-functions=32 -mstringop-strategy=libcall \
	-fno-reorder-blocks-and-partition -ftls-model=local-exec
ELFK_VCFLAGS := $(filter-out -g,$(ELFK_OPT)) $(ELFK_VCFLAGS_SFI) \
	-nostdinc -isystem $(shell $(ELFK_CC) -print-file-name=include) \
	-D_LIBC_LIMITS_H_ -I$(ELFK_SDK)/include -DELFK_VERIFIED=1 \
	-fno-common -fvisibility=hidden -fno-strict-aliasing \
	-fno-delete-null-pointer-checks -fwrapv $(ELFK_CFLAGS_WARN)
ELFK_VLDFLAGS := -shared -nostdlib -Bsymbolic -z now \
	-z noexecstack -z max-page-size=4096 --hash-style=both \
	--no-eh-frame-hdr --no-undefined \
	-T $(ELFK_SDK)/verified/elfk-verified.ld \
	--defsym=ELFK_CODE_TOP=$(shell echo $$((1 << $(ELFK_CODE_BITS)))) \
	--defsym=ELFK_WHALF=$(shell echo $$((1 << ($(ELFK_WINDOW_BITS) - 1))))
ELFK_VRT_O := $(ELFK_OUT)/.obj/elfk-verified-note.o \
	$(ELFK_OUT)/.obj/elfk-verified-string.o
ifneq ($(wildcard $(ELFK_SDK)/../testing/verify/Makefile),)
ELFK_VERIFY_DIR ?= $(abspath $(ELFK_SDK)/../../build/verify)
ELFK_VERIFY ?= $(ELFK_VERIFY_DIR)/elfk-verify
_elfk_verify_build := _elfk_verify_build
.PHONY: _elfk_verify_build
_elfk_verify_build:
	@$(MAKE) --no-print-directory -s -C $(ELFK_SDK)/../testing/verify tool \
		O=$(ELFK_VERIFY_DIR)
endif
# Installed (elfk-tools): beside the rewriting pass.
ELFK_VERIFY ?= $(ELFK_SDK)/verified/elfk-verify
_elfk_sfi = --window-bits $(ELFK_WINDOW_BITS) --code-bits $(ELFK_CODE_BITS)

$(ELFK_OUT)/.obj/elfk-verified-note.o: $(ELFK_SDK)/verified/note.S $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	$(ELFK_Q)$(ELFK_CC) -c -DELFK_WINDOW_BITS=$(ELFK_WINDOW_BITS) \
		-DELFK_CODE_BITS=$(ELFK_CODE_BITS) -o $@ $<
$(ELFK_OUT)/.obj/elfk-verified-string.o: $(ELFK_SDK)/verified/string.c $(ELFK_SFI_REWRITE) $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	$(ELFK_SAY) SFI $@
	$(ELFK_Q)$(ELFK_CC) $(ELFK_VCFLAGS) -fno-tree-loop-distribute-patterns -funroll-loops -S -o $(@:.o=.gcc.s) $<
	$(ELFK_Q)$(ELFK_SFI_REWRITE) $(_elfk_sfi) $(@:.o=.gcc.s) $(@:.o=.sfi.s)
	$(ELFK_Q)$(ELFK_CC) -c -x assembler -o $@ $(@:.o=.sfi.s)

define _elfk_vcompile
$(call _elfk_obj,$(1),$(2)): $(2) $(ELFK_SDK)/include/elfk/plugin.h $(ELFK_SFI_REWRITE) $(MAKEFILE_LIST)
	@mkdir -p $$(@D)
	$$(ELFK_SAY) SFI $$@
	$(if $(filter %.c,$(2)),$$(ELFK_Q)$$(ELFK_CC) $$(ELFK_VCFLAGS) $$(CFLAGS_$(1)) -MMD -MP -MT $$@ -S -o $$(@:.o=.gcc.s) $$< && \
		$$(ELFK_SFI_REWRITE) $$(_elfk_sfi) $$(@:.o=.gcc.s) $$(@:.o=.sfi.s) && \
		$$(ELFK_CC) -c -x assembler -o $$@ $$(@:.o=.sfi.s),$$(ELFK_Q)$$(ELFK_CC) $$(CFLAGS_$(1)) -c -o $$@ $$<)
-include $(patsubst %.o,%.d,$(call _elfk_obj,$(1),$(2)))
endef

define _elfk_vplugin
ELFK_PLUGINS += $(ELFK_OUT)/$(1).so
all: $(ELFK_OUT)/$(1).so
$(foreach s,$(2),$(eval $(call _elfk_vcompile,$(1),$(s))))
$(ELFK_OUT)/$(1).so: $(foreach s,$(2),$(call _elfk_obj,$(1),$(s))) $(ELFK_VRT_O) $(ELFK_SDK)/verified/elfk-verified.ld | $(_elfk_verify_build)
	$$(ELFK_SAY) LD $$@
	$$(ELFK_Q)$$(ELFK_LD) -o $$@.tmp $(foreach s,$(2),$(call _elfk_obj,$(1),$(s))) $(ELFK_VRT_O) \
		$$(ELFK_VLDFLAGS) -soname $(1) $$(LDFLAGS_$(1))
	$$(ELFK_SAY) VERIFY $$@
	$$(ELFK_Q)$$(ELFK_VERIFY) -q $$@.tmp
	@mv -f $$@.tmp $$@
endef

ifeq ($(VERIFIED),1)
elfk_plugin = $(eval $(call _elfk_vplugin,$(strip $(1)),$(strip $(2))))
else
elfk_plugin = $(eval $(call _elfk_plugin,$(strip $(1)),$(strip $(2))))
endif

# $(call elfk_plugin_rel,NAME,SOURCES): the same sources, compiled with the
# same flags (CFLAGS_NAME too), linked with "ld -r" and the SDK's thunks
# into one relocatable object, $(ELFK_OUT)/NAME.o (ET_REL), which elfk
# loads as it is (Documentation/features.rst, "ET_REL objects").  It has
# no DT_SONAME: give it a name when loading it.  LDRFLAGS_NAME go to ld.
# There is no DT_INIT/DT_FINI (-Wl,-init=): use constructors.  The
# post-link check runs on it too (its ET_REL rules), with ELFK_CHECK_NAME:
# e.g. --expect-reloc TYPE for an expected-refusal fixture.  Added to
# ELFK_PLUGINS_REL.
ELFK_PLUGINS_REL :=

define _elfk_plugin_rel
ELFK_PLUGINS_REL += $(ELFK_OUT)/$(1).o
all: $(ELFK_OUT)/$(1).o
$(foreach s,$(2),$(eval $(call _elfk_compile,$(1),$(s))))
$(ELFK_OUT)/$(1).o: $(foreach s,$(2),$(call _elfk_obj,$(1),$(s))) $(ELFK_THUNKS_O) $(ELFK_CHECK) $(ELFK_SYMBOLS) | $(_elfk_ctl_build)
	$$(ELFK_SAY) LD-R $$@
	$$(ELFK_Q)$$(ELFK_LD) -r -o $$@.tmp $(foreach s,$(2),$(call _elfk_obj,$(1),$(s))) $(ELFK_THUNKS_O) \
		$$(LDRFLAGS_$(1))
	$$(ELFK_SAY) CHECK $$@
	$$(ELFK_Q)$$(_elfk_check_env)$$(ELFK_CHECK) -q --symbols $$(ELFK_SYMBOLS) $(call _elfk_su,$(1),$(2)) $$(ELFK_CHECK_$(1)) $$@.tmp
	@mv -f $$@.tmp $$@
endef

elfk_plugin_rel = $(eval $(call _elfk_plugin_rel,$(strip $(1)),$(strip $(2))))

# Signing (Documentation/plugin-sdk.rst, "Signing"): `make elfk-sign
# ELFK_SIGN_KEY=key.pem ELFK_SIGN_CERT=cert.pem` writes a signed copy of
# every plugin defined so far to $(ELFK_OUT)/signed/, with the kernel's
# scripts/sign-file (ELFK_SIGN_KDIR: the kernel tree whose sign-file to
# use; default: the running kernel's headers).
ELFK_SIGN ?= $(ELFK_SDK)/elfk-sign.sh
ELFK_SIGN_HASH ?= sha256

.PHONY: elfk-sign
elfk-sign:
	@if [ -z "$(ELFK_SIGN_KEY)" ] || [ -z "$(ELFK_SIGN_CERT)" ]; then \
		echo "elfk-sign: set ELFK_SIGN_KEY and ELFK_SIGN_CERT" >&2; exit 2; fi
	$(ELFK_Q)$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) \
		$(ELFK_PLUGINS) $(ELFK_PLUGINS_REL)
	@mkdir -p $(ELFK_OUT)/signed
	$(ELFK_Q)for p in $(ELFK_PLUGINS) $(ELFK_PLUGINS_REL); do \
		printf '  %-7s %s\n' SIGN $(ELFK_OUT)/signed/$${p##*/}; \
		$(ELFK_SIGN) $(if $(ELFK_SIGN_KDIR),-k $(ELFK_SIGN_KDIR)) -a $(ELFK_SIGN_HASH) \
			$(ELFK_SIGN_KEY) $(ELFK_SIGN_CERT) $$p $(ELFK_OUT)/signed/$${p##*/} || exit 1; \
	done
