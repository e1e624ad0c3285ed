from socialroadmap.cli import main

main()
