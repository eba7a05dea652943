// SPDX-License-Identifier: GPL-2.0
/*
 * One object of every uapi struct, so that their types are in this
 * object's DWARF for check-pahole.sh.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <linux/elfk.h>

struct elfk_load abi_load;
struct elfk_unload abi_unload;
struct elfk_info abi_info;
struct elfk_sym abi_sym;
struct elfk_call_arg abi_call_arg;
struct elfk_call abi_call;
