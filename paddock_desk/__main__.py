from paddock_desk.cli import main

raise SystemExit(main())
