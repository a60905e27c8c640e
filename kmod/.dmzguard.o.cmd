cmd_/work/main/kmod/dmzguard.o := ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o /work/main/kmod/dmzguard.o @/work/main/kmod/dmzguard.mod 
