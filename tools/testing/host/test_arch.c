// SPDX-License-Identifier: GPL-2.0
/*
 * A second architecture built with the core (arch/stub/): the core checks
 * and relocates for the table it is given, never a global one, so the
 * same core refuses the x86_64 fixture for the stub arch and the stub's
 * image for x86_64, each with its own e_machine message.
 */
#include <errno.h>
#include <string.h>

#include "tap.h"
#include "tests.h"
#include "../../../arch/stub/stub.h"

static int none_lookup(void *ctx, const char *name, u64 *value)
{
	return -ENOENT;
}

static const struct elfk_resolver none_resolver = { .lookup = none_lookup };

/* The fixture, loaded through elfk_image_load() for @arch. */
static int load_for(const struct elfk_arch_ops *arch, struct elfk_fixture *f,
		    char *buf, u32 size)
{
	struct elfk_fixture_run run;
	struct elfk_log log;
	struct elfk_elf elf;
	u8 *mem = NULL;
	int err;

	elfk_log_init(&log, buf, size, ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &elf, host_alloc, &mem, &none_resolver, &log);
	run.env.arch = arch;
	err = elfk_image_load(&elf, f->buf, f->size, &run.env);
	if (mem)
		host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
	return err;
}

static void check(bool ok, const char *name, int err, const char *log)
{
	if (!tap(ok, "%s", name))
		tap_diag("got errno %d, log: %s", err, log);
}

void test_arch_stub(void)
{
	struct elfk_fixture f;
	char buf[512];
	int err;

	elfk_fixture_build(&f);
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "e_machine 62: this kernel loads stub objects (e_machine 65534)"),
	      "arch stub: an x86_64 image is refused by its e_machine", err, buf);

	f.eh->e_machine = ELFK_STUB_MACHINE;
	err = load_for(&elfk_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "e_machine 65534: this kernel loads x86_64 objects (e_machine 62)"),
	      "arch stub: x86_64 refuses the stub's e_machine", err, buf);

	/* Parsed for the stub arch, which knows no relocation type. */
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -ENOEXEC &&
	      strstr(buf, "DT_RELA[0]: unknown relocation type 8"),
	      "arch stub: its own image parses, its relocations are refused",
	      err, buf);

	/* TLS descriptors are the arch's to refuse: the stub does not. */
	elfk_fixture_dyn(&f, DT_SONAME)->d_tag = DT_TLSDESC_PLT;
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -ENOEXEC &&
	      strstr(buf, "DT_RELA[0]: unknown relocation type 8"),
	      "arch stub: DT_TLSDESC_PLT is left to an arch that does not refuse it",
	      err, buf);
	f.eh->e_machine = EM_X86_64;
	err = load_for(&elfk_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "DT_TLSDESC_PLT: TLS descriptors are not supported"),
	      "arch stub: x86_64 refuses DT_TLSDESC_PLT", err, buf);

	elfk_fixture_build(&f);
	f.eh->e_machine = ELFK_STUB_MACHINE;
	f.eh->e_type = ET_REL;
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "ET_REL objects are not supported on stub"),
	      "arch stub: no rel_ops, no ET_REL objects", err, buf);
}
