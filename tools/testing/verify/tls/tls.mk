# SPDX-License-Identifier: GPL-2.0
#
# tls.c's variants (run_test and run-verified.sh "tls"), built by the SDK
# with VERIFIED=1; ELFK_OUT is set by the caller (../Makefile).
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(HERE)/../../../sdk/elfk-plugin.mk
$(call elfk_plugin,tls,$(HERE)/tls.c)
$(call elfk_plugin,tls_big,$(HERE)/tls.c)
CFLAGS_tls_big := -DTLS_BIG
