from beianaudit.cli import main

main()
