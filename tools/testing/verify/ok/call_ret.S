# expect: ok
/* C4, C5, C6, C7: a guarded call, a return through pop and the masked jump */
	.include "sandbox.inc"
	mov $5, %edi
	FCALL fn
	mov %eax, %ebx
	FRET
	.balign 32, 0x90
fn:	lea 1(%rdi), %eax
	FRET
	END
