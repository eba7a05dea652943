# SPDX-License-Identifier: GPL-2.0
#
# The SDK's example plugins that import nothing from the kernel, built in
# verified mode (the host runner checks the results their comments list).
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(HERE)/../../../sdk/elfk-plugin.mk
$(call elfk_plugin,fptr,$(HERE)/../../../examples/fptr.c)
$(call elfk_plugin,noctor,$(HERE)/../../../examples/noctor.c)
