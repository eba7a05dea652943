/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk-ctl: typed calls, from the descriptors ELFK_EXPORT_TYPED() puts in
 * a plugin's .elfk.types section.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_CTL_TYPED_H
#define _ELFK_CTL_TYPED_H

#include <stddef.h>

#include "args.h"

/* Section of the descriptors; tools/sdk/include/elfk/plugin.h writes it. */
#define ELFK_TYPES_SECTION ".elfk.types"

/* The kind of one declared parameter. */
enum elfk_param_kind {
	ELFK_PARAM_INT, /* ELFK_INT: an INTEGER */
	ELFK_PARAM_STR, /* ELFK_STR: a NUL-terminated input string */
	ELFK_PARAM_IN, /* ELFK_IN_BUF(L): input bytes, length in param L */
	ELFK_PARAM_OUT, /* ELFK_OUT_BUF(L) */
	ELFK_PARAM_INOUT, /* ELFK_INOUT_BUF(L) */
	ELFK_PARAM_LEN, /* ELFK_LEN: the length of the buffer naming it */
};

/**
 * struct elfk_fn_type - the declared parameters of one function
 * @nr: how many
 * @kind: each one's kind
 * @len: for a buffer, the index of its ELFK_LEN parameter; for an
 *       ELFK_LEN, the index of its buffer
 */
struct elfk_fn_type {
	unsigned int nr;
	enum elfk_param_kind kind[ELFK_CALL_MAX_ARGS];
	unsigned int len[ELFK_CALL_MAX_ARGS];
};

int elfk_type_parse(const char *desc, size_t n, const char *symbol,
		    struct elfk_fn_type *t, char *err, size_t errlen);
int elfk_type_find(const void *image, size_t len, const char *symbol,
		   struct elfk_fn_type *t, unsigned long long *sym_size,
		   char *err, size_t errlen);
int elfk_type_apply(const struct elfk_fn_type *t, struct elfk_call_params *cp,
		    char *err, size_t errlen);
const char *elfk_type_name(enum elfk_param_kind kind);

#endif /* _ELFK_CTL_TYPED_H */
