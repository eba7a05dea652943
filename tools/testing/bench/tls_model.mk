# SPDX-License-Identifier: GPL-2.0
#
# tls_model.mk: make bench's tls_model.so (tls_model.c), into ELFK_OUT.
# --no-codegen: its m_indirect makes a bare indirect call on purpose.
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(HERE)/../../sdk/elfk-plugin.mk

$(call elfk_plugin,tls_model,$(HERE)/tls_model.c)
ELFK_CHECK_tls_model := --no-codegen
