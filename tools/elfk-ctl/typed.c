// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: typed calls.
 *
 * ELFK_EXPORT_TYPED(fn, ...) (tools/sdk/include/elfk/plugin.h) writes one
 * NUL-terminated descriptor per function into the plugin's .elfk.types
 * section, which is not allocated: the kernel never maps it, and the uapi
 * has no way to hand it back.  "elfk-ctl call --image FILE" reads it from
 * the plugin's file instead.  A descriptor is the text the preprocessor
 * makes of the macro's arguments:
 *
 *   NAME(ITEM, ...)   ITEM: elfk_int | elfk_str | elfk_len |
 *                           elfk_in(L) | elfk_out(L) | elfk_inout(L)
 *
 * L is the 0-based index of the buffer's ELFK_LEN parameter.  FILE is
 * untrusted input: every offset and size is checked before use.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "elfk-ctl.h"
#include "typed.h"

static const struct {
	const char *word;
	enum elfk_param_kind kind;
	int has_len;
} elfk_items[] = {
	{ "elfk_int", ELFK_PARAM_INT, 0 },   { "elfk_str", ELFK_PARAM_STR, 0 },
	{ "elfk_len", ELFK_PARAM_LEN, 0 },   { "elfk_in", ELFK_PARAM_IN, 1 },
	{ "elfk_out", ELFK_PARAM_OUT, 1 },   { "elfk_inout", ELFK_PARAM_INOUT, 1 },
};

/* The names ELFK_EXPORT_TYPED() users write, for messages. */
const char *elfk_type_name(enum elfk_param_kind kind)
{
	static const char *const names[] = {
		[ELFK_PARAM_INT] = "ELFK_INT",
		[ELFK_PARAM_STR] = "ELFK_STR",
		[ELFK_PARAM_IN] = "ELFK_IN_BUF",
		[ELFK_PARAM_OUT] = "ELFK_OUT_BUF",
		[ELFK_PARAM_INOUT] = "ELFK_INOUT_BUF",
		[ELFK_PARAM_LEN] = "ELFK_LEN",
	};

	return names[kind];
}

static __printf(4, 5) int elfk_type_fail(int ret, char *err, size_t errlen,
					 const char *fmt, ...);

static int elfk_type_fail(int ret, char *err, size_t errlen, const char *fmt,
			  ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return ret;
}

static const char *elfk_skip_blanks(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/* Every buffer names an ELFK_LEN, and every ELFK_LEN exactly one buffer. */
static int elfk_type_check(struct elfk_fn_type *t, const char *symbol,
			   char *err, size_t errlen)
{
	unsigned int i, l, users[ELFK_CALL_MAX_ARGS] = { 0 };

	for (i = 0; i < t->nr; i++) {
		if (t->kind[i] < ELFK_PARAM_IN || t->kind[i] > ELFK_PARAM_INOUT)
			continue;
		l = t->len[i];
		if (l >= t->nr || t->kind[l] != ELFK_PARAM_LEN)
			return elfk_type_fail(-EINVAL, err, errlen,
					      "%s: parameter %u (%s) names parameter %u as its length, which is not an ELFK_LEN",
					      symbol, i, elfk_type_name(t->kind[i]), l);
		users[l]++;
		t->len[l] = i;
	}
	for (i = 0; i < t->nr; i++)
		if (t->kind[i] == ELFK_PARAM_LEN && users[i] != 1)
			return elfk_type_fail(-EINVAL, err, errlen,
					      "%s: ELFK_LEN parameter %u is the length of %u buffers, not 1",
					      symbol, i, users[i]);
	return 0;
}

/**
 * elfk_type_parse() - parse one descriptor
 * @desc: its text (not necessarily NUL-terminated)
 * @n: its length
 * @symbol: the function wanted
 * @t: out: its parameters, when the descriptor is @symbol's
 * @err: out: why a descriptor of @symbol is malformed
 * @errlen: size of @err
 *
 * Return: 0 when parsed, 1 when @desc describes another function,
 * -EINVAL when it is malformed (another function's is not looked at).
 */
int elfk_type_parse(const char *desc, size_t n, const char *symbol,
		    struct elfk_fn_type *t, char *err, size_t errlen)
{
	const char *p = desc, *end = desc + n, *w;
	size_t slen = strlen(symbol), i, wlen;
	unsigned long l;

	if (n <= slen || memcmp(desc, symbol, slen))
		return 1;
	p = elfk_skip_blanks(p + slen, end);
	if (p == end || *p != '(')
		return 1;	/* a longer name: "greet2(" is not "greet" */
	memset(t, 0, sizeof(*t));
	p = elfk_skip_blanks(p + 1, end);
	if (p < end && *p == ')')
		goto close;
	for (;;) {
		if (t->nr == ELFK_CALL_MAX_ARGS)
			return elfk_type_fail(-EINVAL, err, errlen,
					      "%s: more than %d parameters",
					      symbol, ELFK_CALL_MAX_ARGS);
		for (w = p; p < end && (isalnum((unsigned char)*p) || *p == '_'); p++)
			;
		wlen = p - w;
		for (i = 0; i < ARRAY_SIZE(elfk_items); i++)
			if (strlen(elfk_items[i].word) == wlen &&
			    !memcmp(elfk_items[i].word, w, wlen))
				break;
		if (i == ARRAY_SIZE(elfk_items))
			return elfk_type_fail(-EINVAL, err, errlen,
					      "%s: unknown parameter kind '%.*s'",
					      symbol, (int)(wlen > 32 ? 32 : wlen), w);
		t->kind[t->nr] = elfk_items[i].kind;
		p = elfk_skip_blanks(p, end);
		if (elfk_items[i].has_len) {
			if (p == end || *p != '(')
				return elfk_type_fail(-EINVAL, err, errlen,
						      "%s: %s needs the index of its length parameter",
						      symbol, elfk_type_name(t->kind[t->nr]));
			p = elfk_skip_blanks(p + 1, end);
			if (p == end || !isdigit((unsigned char)*p))
				return elfk_type_fail(-EINVAL, err, errlen,
						      "%s: bad length index", symbol);
			for (l = 0; p < end && isdigit((unsigned char)*p) &&
			     l < ELFK_CALL_MAX_ARGS; p++)
				l = l * 10 + (*p - '0');
			p = elfk_skip_blanks(p, end);
			if (p == end || *p != ')' || l >= ELFK_CALL_MAX_ARGS)
				return elfk_type_fail(-EINVAL, err, errlen,
						      "%s: bad length index", symbol);
			t->len[t->nr] = l;
			p = elfk_skip_blanks(p + 1, end);
		}
		t->nr++;
		if (p < end && *p == ',') {
			p = elfk_skip_blanks(p + 1, end);
			continue;
		}
		if (p < end && *p == ')')
			break;
		return elfk_type_fail(-EINVAL, err, errlen,
				      "%s: expected ',' or ')'", symbol);
	}
close:
	p = elfk_skip_blanks(p + 1, end);
	if (p != end && *p)
		return elfk_type_fail(-EINVAL, err, errlen,
				      "%s: text after ')'", symbol);
	return elfk_type_check(t, symbol, err, errlen);
}

/* Whether [off, off + size) lies inside an image of @len bytes. */
static int elfk_in_image(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/* The size of the defined symbol @name in symbol table @sh, or -1. */
static long long elfk_sym_size(const unsigned char *img, size_t len,
			       const Elf64_Shdr *shdrs, unsigned int shnum,
			       const Elf64_Shdr *sh, const char *name)
{
	const Elf64_Shdr *str;
	const Elf64_Sym *sym;
	size_t nlen = strlen(name);
	uint64_t i;

	if (sh->sh_link >= shnum || sh->sh_entsize != sizeof(Elf64_Sym) ||
	    !elfk_in_image(sh->sh_offset, sh->sh_size, len) ||
	    sh->sh_offset % 8)
		return -1;
	str = &shdrs[sh->sh_link];
	if (!elfk_in_image(str->sh_offset, str->sh_size, len))
		return -1;
	sym = (const Elf64_Sym *)(img + sh->sh_offset);
	for (i = 0; i < sh->sh_size / sizeof(*sym); i++) {
		if (sym[i].st_shndx == SHN_UNDEF ||
		    sym[i].st_name >= str->sh_size ||
		    str->sh_size - sym[i].st_name <= nlen)
			continue;
		if (!memcmp(img + str->sh_offset + sym[i].st_name, name,
			    nlen + 1))
			return sym[i].st_size;
	}
	return -1;
}

/**
 * elfk_type_find() - the declared parameters of a function of an image
 * @image: the plugin's file
 * @len: its size
 * @symbol: the function
 * @t: out: its parameters
 * @sym_size: out: its st_size in the image, or ~0ULL when not found there
 * @err: out: why the image or the descriptor is refused
 * @errlen: size of @err
 *
 * Return: 0, -ENOENT when @image declares nothing for @symbol, -ENOEXEC
 * for an image that is not a readable ELF64 file, -EINVAL for a malformed
 * descriptor.
 */
int elfk_type_find(const void *image, size_t len, const char *symbol,
		   struct elfk_fn_type *t, unsigned long long *sym_size,
		   char *err, size_t errlen)
{
	const unsigned char *img = image;
	const Elf64_Ehdr *eh = image;
	const Elf64_Shdr *sh, *names;
	const char *p, *end, *nl;
	long long size = -1;
	int found = -ENOENT;
	unsigned int i;

	*sym_size = ~0ULL;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff % 8 ||
	    !elfk_in_image(eh->e_shoff,
			   (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), len) ||
	    eh->e_shstrndx >= eh->e_shnum)
		return elfk_type_fail(-ENOEXEC, err, errlen,
				      "not an ELF64 file with section headers");
	sh = (const Elf64_Shdr *)(img + eh->e_shoff);
	names = &sh[eh->e_shstrndx];
	if (!elfk_in_image(names->sh_offset, names->sh_size, len))
		return elfk_type_fail(-ENOEXEC, err, errlen,
				      "section names out of the file");

	for (i = 0; i < eh->e_shnum; i++) {
		if (size < 0 && (sh[i].sh_type == SHT_DYNSYM ||
				 sh[i].sh_type == SHT_SYMTAB))
			size = elfk_sym_size(img, len, sh, eh->e_shnum, &sh[i],
					     symbol);
		if (sh[i].sh_type != SHT_PROGBITS ||
		    sh[i].sh_name >= names->sh_size ||
		    names->sh_size - sh[i].sh_name <= strlen(ELFK_TYPES_SECTION) ||
		    memcmp(img + names->sh_offset + sh[i].sh_name,
			   ELFK_TYPES_SECTION, sizeof(ELFK_TYPES_SECTION)))
			continue;
		if (!elfk_in_image(sh[i].sh_offset, sh[i].sh_size, len))
			return elfk_type_fail(-ENOEXEC, err, errlen,
					      ELFK_TYPES_SECTION " out of the file");
		p = (const char *)img + sh[i].sh_offset;
		end = p + sh[i].sh_size;
		/* The strings are NUL-separated; a last one may lack it. */
		for (; found == -ENOENT && p < end; p = nl + 1) {
			nl = memchr(p, '\0', end - p);
			if (!nl)
				nl = end;
			found = elfk_type_parse(p, nl - p, symbol, t, err,
						errlen);
			if (found == 1)
				found = -ENOENT;
		}
	}
	if (size >= 0)
		*sym_size = size;
	return found;
}

/* Whether the ARG @p may fill a parameter of kind @kind. */
static int elfk_type_accepts(enum elfk_param_kind kind,
			     const struct elfk_call_param *p)
{
	switch (kind) {
	case ELFK_PARAM_INT:
		return p->kind == ELFK_ARG_INT;
	case ELFK_PARAM_STR:
		/* str:TEXT has its NUL; in:FILE's bytes may have none. */
		return p->kind == ELFK_ARG_IN && !p->path;
	case ELFK_PARAM_IN:
		return p->kind == ELFK_ARG_IN;
	case ELFK_PARAM_OUT:
		return p->kind == ELFK_ARG_OUT;
	case ELFK_PARAM_INOUT:
		return p->kind == ELFK_ARG_INOUT;
	default:
		return 0;
	}
}

static const char *const elfk_type_syntax[] = {
	[ELFK_PARAM_INT] = "an INTEGER",
	[ELFK_PARAM_STR] = "str:TEXT",
	[ELFK_PARAM_IN] = "str:TEXT or in:FILE",
	[ELFK_PARAM_OUT] = "out:N, outstr:N or out:N:FILE",
	[ELFK_PARAM_INOUT] = "inout:FILE",
};

/**
 * elfk_type_apply() - turn the ARGs of a typed call into its arguments
 * @t: the declared parameters
 * @cp: in: one ARG per parameter that is not an ELFK_LEN; out: one
 *      argument per parameter, each ELFK_LEN the length of its buffer
 * @err: out: why the ARGs do not fit
 * @errlen: size of @err
 *
 * Return: 0, or -EINVAL with @cp unchanged.
 */
int elfk_type_apply(const struct elfk_fn_type *t, struct elfk_call_params *cp,
		    char *err, size_t errlen)
{
	struct elfk_call_param out[ELFK_CALL_MAX_ARGS];
	unsigned int i, j = 0, want = 0;

	for (i = 0; i < t->nr; i++)
		want += t->kind[i] != ELFK_PARAM_LEN;
	if (cp->nr != want)
		return elfk_type_fail(-EINVAL, err, errlen,
				      "%u ARGs given, the function declares %u (lengths are passed by elfk-ctl)",
				      cp->nr, want);
	memset(out, 0, sizeof(out));
	for (i = 0; i < t->nr; i++) {
		if (t->kind[i] == ELFK_PARAM_LEN)
			continue;
		if (!elfk_type_accepts(t->kind[i], &cp->param[j]))
			return elfk_type_fail(-EINVAL, err, errlen,
					      "argument %u: the function declares %s here: give %s",
					      j + 1, elfk_type_name(t->kind[i]),
					      elfk_type_syntax[t->kind[i]]);
		out[i] = cp->param[j++];
	}
	for (i = 0; i < t->nr; i++) {
		if (t->kind[i] != ELFK_PARAM_LEN)
			continue;
		out[i].kind = ELFK_ARG_INT;
		out[i].value = out[t->len[i]].len;
	}
	memcpy(cp->param, out, sizeof(out));
	cp->nr = t->nr;
	return 0;
}
