package demo

// Word lists for realistic demo data. Company names are built as
// city + brand + trade + suffix, as Chinese companies are registered.

var brands = []string{"华创", "鼎信", "恒泰", "远航", "中科", "金桥", "瑞丰", "安达", "宏图", "天成",
	"明德", "博远", "聚力", "新元", "汇通", "嘉和", "盛世", "卓越", "思源", "精工", "蓝海", "银河",
	"星辰", "东方", "永安", "长城", "凯达", "华为", "腾飞", "九州", "万象", "同仁", "启明", "正和"}

// trades pair an industry key with the words a company of it uses.
var trades = []struct {
	industry string
	words    []string
}{
	{"manufacturing", []string{"精密机械", "电子", "汽车零部件", "新材料", "智能装备", "包装"}},
	{"information_technology", []string{"软件", "信息技术", "网络科技", "数据科技", "云计算"}},
	{"wholesale_retail", []string{"商贸", "百货", "供应链", "电商"}},
	{"construction", []string{"建设工程", "建筑装饰", "路桥"}},
	{"healthcare", []string{"医疗器械", "生物医药", "健康管理"}},
	{"finance", []string{"融资租赁", "投资管理"}},
	{"transport_logistics", []string{"物流", "国际货运", "冷链"}},
	{"education", []string{"教育科技", "职业培训"}},
	{"hospitality", []string{"餐饮管理", "酒店管理"}},
	{"agriculture", []string{"农业科技", "生态农业"}},
	{"utilities", []string{"新能源", "环保能源"}},
	{"culture_media", []string{"文化传媒", "广告"}},
	{"research_technology", []string{"检测技术", "研究院"}},
	{"real_estate", []string{"置业", "物业服务"}},
}

var suffixes = []string{"有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司"}

var englishBrands = []string{"Acme", "Northwind", "Bluepeak", "Silverline", "Greenfield", "Orion",
	"Summit", "Harbor", "Pioneer", "Vertex", "Keystone", "Lumen"}
var englishTrades = []string{"Robotics", "Logistics", "Software", "Foods", "Medical", "Energy", "Trading"}
var englishSuffixes = []string{"Ltd", "Co., Ltd", "Group", "Inc"}

var surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
	"胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于"}
var givenNames = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
	"杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "志强", "海燕",
	"丹", "婷", "浩然", "子轩", "雨桐", "欣怡", "思远", "建国", "文博", "佳怡", "三", "一鸣"}
var englishFirst = []string{"James", "Emma", "Oliver", "Sophia", "Liam", "Mia", "Noah", "Ava", "Lucas", "Grace"}
var englishLast = []string{"Smith", "Brown", "Taylor", "Wilson", "Clark", "Walker", "Hall", "Young"}

// provinces are regions with their cities, a phone area code and a
// credit-code division prefix.
var provinces = []struct {
	name, division, area string
	cities               []string
}{
	{"北京市", "110105", "010", []string{"北京"}}, {"上海市", "310115", "021", []string{"上海"}},
	{"广东省", "440300", "0755", []string{"深圳", "广州", "东莞", "佛山"}},
	{"浙江省", "330106", "0571", []string{"杭州", "宁波"}}, {"江苏省", "320505", "0512", []string{"苏州", "南京", "无锡"}},
	{"四川省", "510107", "028", []string{"成都"}}, {"湖北省", "420106", "027", []string{"武汉"}},
	{"陕西省", "610113", "029", []string{"西安"}}, {"天津市", "120116", "022", []string{"天津"}},
	{"重庆市", "500112", "023", []string{"重庆"}}, {"山东省", "370202", "0532", []string{"青岛", "济南"}},
	{"福建省", "350203", "0592", []string{"厦门"}}, {"湖南省", "430104", "0731", []string{"长沙"}},
	{"安徽省", "340104", "0551", []string{"合肥"}}, {"河南省", "410105", "0371", []string{"郑州"}},
}

var streets = []string{"科技园路", "人民路", "中山路", "建设大道", "高新大道", "解放路", "世纪大道", "滨江大道"}

var tags = []string{"重点客户", "VIP", "新客户", "战略合作", "老客户", "待跟进", "招投标", "海外"}

// Contact titles by level and function.
var titles = map[[2]string][]string{
	{"decision", "user"}:         {"总经理", "副总裁", "事业部总经理"},
	{"decision", "technical"}:    {"CTO", "技术副总裁", "总工程师"},
	{"decision", "finance"}:      {"CFO", "财务副总裁"},
	{"management", "user"}:       {"运营经理", "生产经理", "采购经理", "市场经理"},
	{"management", "technical"}:  {"IT经理", "研发经理", "技术主管"},
	{"management", "finance"}:    {"财务经理", "财务主管"},
	{"operational", "user"}:      {"采购专员", "业务员", "操作员", "客服专员"},
	{"operational", "technical"}: {"工程师", "运维工程师", "系统管理员"},
	{"operational", "finance"}:   {"会计", "出纳"},
}

var departments = map[string][]string{
	"user":      {"运营部", "采购部", "生产部", "市场部"},
	"technical": {"信息技术部", "研发中心", "技术部"},
	"finance":   {"财务部"},
}

var concerns = map[string][]string{
	"user":      {"使用体验好、上手快", "交付及时、服务响应快", "稳定不出错，安静省心"},
	"technical": {"故障率低、易维护", "接口开放、能与现有系统集成", "安全合规"},
	"finance":   {"性价比高", "付款方式灵活", "总拥有成本可控"},
}

var universities = []string{"清华大学", "北京大学", "复旦大学", "浙江大学", "上海交通大学", "武汉大学", "中山大学", "四川大学"}
var sports = []string{"羽毛球", "高尔夫", "跑步", "游泳", "乒乓球", "登山", "网球"}
var foods = []string{"粤菜，喜欢早茶", "川菜，能吃辣", "日料", "江浙菜，口味清淡", "西餐牛排"}
var pets = []string{"一只柯基", "两只猫", "金毛犬", "没有宠物"}
var books = []string{"《原则》", "《三体》", "《人类简史》", "《孙子兵法》", "《基业长青》"}
var vacations = []string{"三亚", "云南大理", "日本北海道", "瑞士", "新疆", "泰国普吉岛"}
var goals = []string{"今年完成数字化转型项目", "降低采购成本10%", "晋升为事业部负责人", "带领团队通过ISO认证"}
