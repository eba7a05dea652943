# SPDX-License-Identifier: GPL-2.0
#
# life.c's variants (run-verified.sh "life"), built by the SDK with
# VERIFIED=1; ELFK_OUT is set by the caller (../Makefile).
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(HERE)/../../../sdk/elfk-plugin.mk
LIFE_LD := -init=life_dt_init -fini=life_dt_fini
$(call elfk_plugin,life,$(HERE)/life.c)
LDFLAGS_life := $(LIFE_LD)
$(call elfk_plugin,life_abort,$(HERE)/life.c)
CFLAGS_life_abort := -DLIFE_CTOR_ABORT
LDFLAGS_life_abort := $(LIFE_LD)
$(call elfk_plugin,life_spin,$(HERE)/life.c)
CFLAGS_life_spin := -DLIFE_CTOR_SPIN
LDFLAGS_life_spin := $(LIFE_LD)
$(call elfk_plugin,life_err,$(HERE)/life.c)
CFLAGS_life_err := -DLIFE_INIT_ERR=-19
LDFLAGS_life_err := $(LIFE_LD)
$(call elfk_plugin,life_fini_spin,$(HERE)/life.c)
CFLAGS_life_fini_spin := -DLIFE_FINI_SPIN
LDFLAGS_life_fini_spin := $(LIFE_LD)
$(call elfk_plugin,life_fuel,$(HERE)/life_fuel.c)
