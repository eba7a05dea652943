// SPDX-License-Identifier: GPL-2.0
/*
 * elfk_example_provider: a module that adds a helper to elfk's symbol table,
 * so that plugins may link against it (tools/examples/modules/use_provider.c).
 *
 * elfk_example_scale(v) returns v times the "scale" module parameter, which
 * is only known at insmod time: a plugin's result proves that its call went
 * through this module's code.  While a plugin binds to the helper, elfk holds
 * a reference on this module (the table's owner), so rmmod is refused until
 * the plugin is unloaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <elfk/elfk.h>

static long scale = 3;
module_param(scale, long, 0444);
MODULE_PARM_DESC(scale, "what elfk_example_scale() multiplies by (default 3)");

/* Plugins call it with the kernel's calling convention, through a retpoline. */
static long elfk_example_scale(long v)
{
	return v * scale;
}

static struct elfk_symbol provider_syms[] = {
	ELFK_SYMBOL(elfk_example_scale),
};

static struct elfk_symtab provider_tab = {
	.owner = THIS_MODULE,
	.syms = provider_syms,
	.nr_syms = ARRAY_SIZE(provider_syms),
};

static int __init provider_init(void)
{
	int err = elfk_symtab_register(&provider_tab);

	if (err)
		pr_err("elfk refused the symbol table (error %d)\n", err);
	return err;
}

/* No plugin can still be bound here: each one pins this module. */
static void __exit provider_exit(void)
{
	elfk_symtab_unregister(&provider_tab);
}

module_init(provider_init);
module_exit(provider_exit);

MODULE_DESCRIPTION("elfk example: a helper added to elfk's symbol table");
MODULE_LICENSE("GPL");
/* elfk exports its API in the symbol namespace ELFK (elfk/elfk.h). */
MODULE_IMPORT_NS(ELFK_NS);
