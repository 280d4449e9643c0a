from beianaudit.entry import main

main()
